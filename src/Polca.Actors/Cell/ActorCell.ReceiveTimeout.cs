namespace Polca.Actors;

/// <summary>Receive timeout: a <see cref="Actors.ReceiveTimeout"/> after a period with no message.</summary>
internal sealed partial class ActorCell
{
    /// <inheritdoc />
    public TimeSpan? ReceiveTimeout => _extras?.ReceiveTimeout;

    /// <inheritdoc />
    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && (t <= TimeSpan.Zero || t == Timeout.InfiniteTimeSpan)) timeout = null;
        if (timeout is null && _extras?.ReceiveTimeout is null) return;
        CancelReceiveTimeout();
        Extras.ReceiveTimeout = timeout;
        // Armed after the current message (or after PreStart), as an idle period starts then.
        if (timeout is not null && t_current != this && _actor is not null) ArmReceiveTimeout();
    }

    private void ArmReceiveTimeout()
    {
        var extras = Extras;
        if (extras.ReceiveTimeout is not { } timeout) return;
        extras.ReceiveTimeoutTimer?.Cancel();
        var generation = ++extras.ReceiveTimeoutGeneration;
        extras.ReceiveTimeoutTimer = SystemImpl.Scheduler.ScheduleTellOnceCancelable(timeout, _self, new ReceiveTimeoutTick(generation), _self);
    }

    private void CancelReceiveTimeout()
    {
        if (_extras is not { } extras) return;
        extras.ReceiveTimeoutTimer?.Cancel();
        extras.ReceiveTimeoutTimer = null;
        extras.ReceiveTimeoutGeneration++;
    }

    private void ReceiveTimeoutTicked(ReceiveTimeoutTick tick)
    {
        if (_extras is not { ReceiveTimeout: not null } extras || tick.Generation != extras.ReceiveTimeoutGeneration) return;
        extras.ReceiveTimeoutTimer = null;
        ReceiveMessage(Actors.ReceiveTimeout.Instance);
        if (_state == StateAlive && extras.ReceiveTimeoutTimer is null) ArmReceiveTimeout();
    }

    private void ReceiveTimer(TimerMessage timer)
    {
        if (_extras?.Timers is { } timers && timers.Accept(timer)) ReceiveMessage(timer.Message);
    }
}
