using Polca.Actors;
using Polca.Hocon;

namespace Polca.TestKit;

/// <summary>
/// Base class of actor tests (xunit): owns an actor system, on virtual time by default, that is terminated after each test.
/// Expectations run the system and advance virtual time up to their timeout; nothing sleeps on the wall clock.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private static int _systems;

    static TestKit()
    {
        // Expectations block the test's thread while actors run on the thread pool. Test runners run several tests at
        // once on pool threads too, so without head-room the pool is starved and grows only slowly (about one thread
        // per half second): actors then stall and expectations time out on a loaded machine. Ensure enough threads.
        ThreadPool.GetMinThreads(out var workers, out var io);
        var wanted = Math.Max(workers, Environment.ProcessorCount * 8);
        ThreadPool.SetMinThreads(wanted, io);
    }

    /// <summary>What test systems change in the reference configuration: virtual time advanced by the test, no console logging.</summary>
    public const string TestDefaultsHocon = """
        polca.clock.mode = virtual
        polca.clock.virtual-advance = manual
        polca.clock.quiescence-timeout = 20s
        polca.logging.console.enabled = off
        polca.logging.file.enabled = off
        """;

    /// <summary>Settings of test systems: the reference settings with <see cref="TestDefaultsHocon"/> applied.</summary>
    public static readonly ActorSystemSettings DefaultSettings = ActorSystemSettings.FromConfig(ConfigurationFactory.ParseString(TestDefaultsHocon));

    /// <summary>Creates a test system with <paramref name="settings"/> (virtual time by default).</summary>
    protected TestKit(ActorSystemSettings? settings = null, string? systemName = null)
        : base(ActorSystem.Create(systemName ?? "test" + Interlocked.Increment(ref _systems), settings ?? DefaultSettings)) { }

    /// <summary>Creates a test system configured by <paramref name="config"/> over the test defaults.</summary>
    protected TestKit(Config config, string? systemName = null)
        : this(ActorSystemSettings.FromConfig(config.WithFallback(ConfigurationFactory.ParseString(TestDefaultsHocon))), systemName) { }

    /// <summary>Terminates the system and waits for it (bounded).</summary>
    protected virtual void Shutdown()
    {
        var terminated = Sys.Terminate();
        if (!terminated.Wait(TimeSpan.FromSeconds(30)))
            throw new TimeoutException($"actor system {Sys.Name} did not terminate within 30 s");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Shutdown();
        GC.SuppressFinalize(this);
    }
}
