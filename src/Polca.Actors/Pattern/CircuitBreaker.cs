namespace Polca.Actors;

/// <summary>
/// Protects callers from a failing resource (Akka.NET's CircuitBreaker): after <c>maxFailures</c> consecutive failures or
/// timeouts it opens and fails calls at once; after <c>resetTimeout</c> (on the system clock) it lets one trial call through
/// (half-open), and closes again when that succeeds.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly object _lock = new();
    private readonly Clock _clock;
    private int _failures;
    private DateTimeOffset _openedAt;
    private bool _trialInFlight;

    /// <summary>Creates a closed breaker.</summary>
    public CircuitBreaker(Clock clock, int maxFailures, TimeSpan callTimeout, TimeSpan resetTimeout)
    {
        if (maxFailures < 1) throw new ArgumentOutOfRangeException(nameof(maxFailures), maxFailures, "at least one failure must be allowed");
        _clock = clock;
        MaxFailures = maxFailures;
        CallTimeout = callTimeout;
        ResetTimeout = resetTimeout;
    }

    /// <summary>The states of a breaker.</summary>
    public enum BreakerState
    {
        /// <summary>Calls go through.</summary>
        Closed,

        /// <summary>Calls fail at once.</summary>
        Open,

        /// <summary>One trial call goes through.</summary>
        HalfOpen,
    }

    /// <summary>Consecutive failures that open the breaker.</summary>
    public int MaxFailures { get; }

    /// <summary>A call taking longer counts as failed.</summary>
    public TimeSpan CallTimeout { get; }

    /// <summary>How long the breaker stays open before a trial call.</summary>
    public TimeSpan ResetTimeout { get; }

    /// <summary>The state now.</summary>
    public BreakerState State
    {
        get
        {
            lock (_lock) return CurrentState();
        }
    }

    /// <summary>Raised when the breaker opens, with the failure that opened it.</summary>
    public event Action<Exception>? Opened;

    /// <summary>Raised when the breaker lets a trial call through.</summary>
    public event Action? HalfOpened;

    /// <summary>Raised when the breaker closes after a successful trial.</summary>
    public event Action? Closed;

    private BreakerState CurrentState()
    {
        if (_failures < MaxFailures) return BreakerState.Closed;
        return _clock.Now - _openedAt >= ResetTimeout ? BreakerState.HalfOpen : BreakerState.Open;
    }

    /// <summary>Runs <paramref name="call"/> through the breaker.</summary>
    public async Task<T> WithCircuitBreaker<T>(Func<Task<T>> call)
    {
        var trial = false;
        lock (_lock)
        {
            switch (CurrentState())
            {
                case BreakerState.Open:
                    var remaining = ResetTimeout - (_clock.Now - _openedAt);
                    throw new OpenCircuitException($"circuit breaker is open after {_failures} failures; next trial in {remaining.TotalSeconds:0.#} s", remaining);
                case BreakerState.HalfOpen:
                    if (_trialInFlight) throw new OpenCircuitException("circuit breaker is half-open and its trial call is in flight", TimeSpan.Zero);
                    _trialInFlight = true;
                    trial = true;
                    break;
            }
        }
        if (trial) HalfOpened?.Invoke();
        try
        {
            var task = call();
            var result = CallTimeout == Timeout.InfiniteTimeSpan ? await task.ConfigureAwait(false) : await task.WaitAsync(CallTimeout).ConfigureAwait(false);
            Succeeded(trial);
            return result;
        }
        catch (Exception e)
        {
            Failed(trial, e);
            throw;
        }
    }

    /// <summary>Runs <paramref name="call"/> through the breaker.</summary>
    public Task WithCircuitBreaker(Func<Task> call) => WithCircuitBreaker(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    private void Succeeded(bool trial)
    {
        bool closed;
        lock (_lock)
        {
            closed = trial || _failures >= MaxFailures;
            _failures = 0;
            _trialInFlight = false;
        }
        if (closed) Closed?.Invoke();
    }

    private void Failed(bool trial, Exception cause)
    {
        bool opened;
        lock (_lock)
        {
            _trialInFlight = false;
            var wasClosed = _failures < MaxFailures;
            _failures = Math.Max(_failures + 1, trial ? MaxFailures : 0);
            opened = trial || (wasClosed && _failures >= MaxFailures);
            if (opened) _openedAt = _clock.Now;
        }
        if (opened) Opened?.Invoke(cause);
    }
}
