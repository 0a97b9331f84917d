namespace Polca.Datacenter.Scenario;

/// <summary>Holds the first failure of an actor of an emulation, for the runner to report (thread-safe).</summary>
public sealed class RunFailure
{
    private Exception? _first;

    /// <summary>The first failure, or null.</summary>
    public Exception? First => Volatile.Read(ref _first);

    /// <summary>Keeps <paramref name="failure"/> unless one was kept already.</summary>
    public void Record(Exception failure) => Interlocked.CompareExchange(ref _first, failure, null);
}
