using Polca.Actors.Event;
using Polca.Hocon;

namespace Polca.Actors.Tests;

/// <summary>Dead letters are logged at a configurable rate per interval of emulated time, with a summary of the rest.</summary>
public sealed class DeadLetterLoggingSpec() : TestKit.TestKit(ConfigurationFactory.ParseString(
    "polca.logging.dead-letters { enabled = on, max-per-interval = 2, interval = 10s }"))
{
    [Fact]
    public void Only_the_configured_number_per_interval_is_logged_and_the_rest_is_summarised()
    {
        var gone = Sys.ActorOf(Props.Create(() => new Nothing()));
        Watch(gone);
        gone.Tell(PoisonPill.Instance, ActorRefs.NoSender);
        ExpectTerminated(gone);

        EventFilter.Info(contains: "was not delivered").Expect(2, () =>
        {
            for (var i = 0; i < 5; i++) gone.Tell($"letter {i}", ActorRefs.NoSender);
        });
        EventFilter.Info(contains: "3 more dead letters were not logged").ExpectOne(() => Advance(TimeSpan.FromSeconds(10)));
        EventFilter.Info(contains: "was not delivered").ExpectOne(() => gone.Tell("after the interval", ActorRefs.NoSender));
    }

    [Fact]
    public void Below_the_configured_level_nothing_is_published()
    {
        var quiet = ActorSystemSettings.FromConfig(ConfigurationFactory.ParseString("polca.logging.level = warning"));
        Assert.Equal(LogLevel.WarningLevel, quiet.LogLevel);
        var adapter = new BusLogging(Sys, "test", typeof(DeadLetterLoggingSpec));
        Assert.True(adapter.IsEnabled(LogLevel.InfoLevel));
        using var warningOnly = ActorSystem.Create("warnings", quiet with { Logging = quiet.Logging with { ConsoleEnabled = false } });
        Assert.False(Logging.GetLogger(warningOnly, "x").IsEnabled(LogLevel.InfoLevel));
        Assert.True(Logging.GetLogger(warningOnly, "x").IsEnabled(LogLevel.ErrorLevel));
    }

    private sealed class Nothing : ActorBase
    {
        protected override bool Receive(object message) => false;
    }
}
