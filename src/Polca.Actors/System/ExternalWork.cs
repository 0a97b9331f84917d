namespace Polca.Actors;

/// <summary>
/// Work done outside actors (I/O) whose result will come back as a message. In virtual time the clock does not move
/// while such work is open, so a journal write cannot be overtaken by a timer. Dispose it after telling the result.
/// </summary>
public sealed class ExternalWork : IDisposable
{
    private readonly QuiescenceMonitor? _monitor;
    private int _disposed;

    internal ExternalWork(QuiescenceMonitor? monitor)
    {
        _monitor = monitor;
        _monitor?.Increment();
    }

    /// <summary>Ends the work; the system may go idle again.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _monitor?.Decrement();
    }
}
