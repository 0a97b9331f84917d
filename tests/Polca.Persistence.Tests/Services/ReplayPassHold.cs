namespace Polca.Persistence.Tests.Services;

/// <summary>
/// A replay callback that, at one event, signals that its pass is running and blocks the pass until released (no
/// clock): replays asked for meanwhile know which pass they meet.
/// </summary>
public sealed class ReplayPassHold(long heldAt) : IDisposable
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _release = new();

    /// <summary>Completes when the held event has been reached.</summary>
    public Task Entered => _entered.Task;

    /// <summary>The callback to replay with: blocks at the event with sequence number heldAt.</summary>
    public void Callback(Persistent e)
    {
        if (e.SequenceNr != heldAt) return;
        _entered.SetResult();
        _release.Wait();
    }

    /// <summary>Lets the held pass go on.</summary>
    public void Release() => _release.Set();

    /// <inheritdoc />
    public void Dispose() => _release.Dispose();
}
