using Polca.Actors;

namespace Polca.TestKit;

/// <summary>
/// Base class of actor tests (xunit): owns an actor system, on virtual time by default, that is terminated after each test.
/// Expectations run the system and advance virtual time up to their timeout; nothing sleeps on the wall clock.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private static int _systems;

    /// <summary>Settings of test systems: virtual time advanced by the test.</summary>
    public static readonly ActorSystemSettings DefaultSettings = new()
    {
        ClockMode = ClockMode.VirtualTime,
        VirtualTimeAdvance = VirtualTimeAdvance.Manual,
        QuiescenceTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Creates a test system with <paramref name="settings"/> (virtual time by default).</summary>
    protected TestKit(ActorSystemSettings? settings = null, string? systemName = null)
        : base(ActorSystem.Create(systemName ?? "test" + Interlocked.Increment(ref _systems), settings ?? DefaultSettings)) { }

    /// <summary>Terminates the system and waits for it (bounded).</summary>
    protected virtual void Shutdown()
    {
        var terminated = Sys.Terminate();
        if (!terminated.Wait(TimeSpan.FromSeconds(10)))
            throw new TimeoutException($"actor system {Sys.Name} did not terminate within 10 s");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Shutdown();
        GC.SuppressFinalize(this);
    }
}
