using Polca.Actors.Event;
using Polca.Hocon;

namespace Polca.Actors.Tests;

/// <summary>The runtime reads its settings from HOCON (reference.conf underneath) and rejects bad ones at start-up, naming them.</summary>
public sealed class ConfigurationSpec
{
    private static ActorSystemSettings Read(string hocon) => ActorSystemSettings.FromConfig(ConfigurationFactory.ParseString(hocon));

    [Fact]
    public void Reference_defaults_apply_when_nothing_is_set()
    {
        var settings = new ActorSystemSettings();
        Assert.Equal(100, settings.Throughput);
        Assert.Equal(64, settings.HandoffLimit);
        Assert.Equal(ClockMode.RealTime, settings.ClockMode);
        Assert.Equal(1.0, settings.Pace);
        Assert.Equal(TimeSpan.FromMilliseconds(1), settings.SchedulerResolution);
        Assert.Equal(Timeout.InfiniteTimeSpan, settings.AskTimeout);
        Assert.Equal(LogLevel.InfoLevel, settings.LogLevel);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), settings.StartTime);
        Assert.True(settings.Logging.ConsoleEnabled);
        Assert.False(settings.Logging.FileEnabled);
        Assert.Equal(10, settings.Logging.DeadLettersPerInterval);
        Assert.Null(settings.Host);
    }

    [Fact]
    public void Every_runtime_setting_is_read()
    {
        var settings = Read("""
            polca {
              actor { throughput = 7, handoff-limit = 0, prefer-local-queue = yes, deterministic = on, ask-timeout = 5s
                      mailbox { first-block = 4, max-block = 64, retained-block = 16 } }
              clock { mode = virtual, pace = 12.5, virtual-advance = manual, start = "2023-11-16T18:15:46Z", quiescence-timeout = 2 minutes }
              scheduler.resolution = 500us
              random.seed = 42
              remote { hostname = "10.0.0.7", port = 2552 }
              logging { level = debug, dead-letters { max-per-interval = 3, interval = 1m } }
            }
            """);
        Assert.Equal(7, settings.Throughput);
        Assert.Equal(0, settings.HandoffLimit);
        Assert.True(settings.PreferLocalQueue);
        Assert.True(settings.Deterministic);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.AskTimeout);
        Assert.Equal((4, 64, 16), (settings.MailboxFirstBlock, settings.MailboxMaxBlock, settings.MailboxRetainedBlock));
        Assert.Equal(ClockMode.VirtualTime, settings.ClockMode);
        Assert.Equal(12.5, settings.Pace);
        Assert.Equal(VirtualTimeAdvance.Manual, settings.VirtualTimeAdvance);
        Assert.Equal(new DateTimeOffset(2023, 11, 16, 18, 15, 46, TimeSpan.Zero), settings.StartTime);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.QuiescenceTimeout);
        Assert.Equal(TimeSpan.FromMicroseconds(500), settings.SchedulerResolution);
        Assert.Equal(42, settings.Seed);
        Assert.Equal(("10.0.0.7", 2552), (settings.Host, settings.Port!.Value));
        Assert.Equal(LogLevel.DebugLevel, settings.LogLevel);
        Assert.Equal(3, settings.Logging.DeadLettersPerInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.Logging.DeadLettersInterval);
    }

    [Theory]
    [InlineData("polca.actor.throughputt = 3", 1, "unknown setting 'polca.actor.throughputt'")]
    [InlineData("polca {\n  clock {\n    paze = 2\n  }\n}", 3, "unknown setting 'polca.clock.paze'")]
    [InlineData("polca.logging.console.colour = on", 1, "unknown setting 'polca.logging.console.colour'")]
    [InlineData("polca.actor.mailbox.size = 3", 1, "unknown setting 'polca.actor.mailbox.size'")]
    public void An_unknown_key_under_a_runtime_section_is_rejected_with_its_line(string hocon, int line, string expected)
    {
        var error = Assert.Throws<HoconException>(() => Read(hocon));
        Assert.Contains(expected, error.Message);
        Assert.Equal(line, error.Line);
        Assert.Equal("<string>", error.FileName);
    }

    [Theory]
    [InlineData("polca.actor.throughput = lots", "polca.actor.throughput")]
    [InlineData("polca.actor.throughput = 0", "polca.actor.throughput")]
    [InlineData("polca.clock.pace = fast", "polca.clock.pace")]
    [InlineData("polca.clock.pace = -1", "polca.clock.pace")]
    [InlineData("polca.clock.mode = sideways", "polca.clock.mode")]
    [InlineData("polca.clock.start = yesterday", "polca.clock.start")]
    [InlineData("polca.scheduler.resolution = soon", "polca.scheduler.resolution")]
    [InlineData("polca.logging.level = LOUD", "polca.logging.level")]
    [InlineData("polca.actor.deterministic = maybe", "polca.actor.deterministic")]
    [InlineData("polca.actor = 3", "polca.actor")]
    public void A_value_of_the_wrong_type_or_range_names_its_path(string hocon, string path)
    {
        var error = Assert.Throws<HoconException>(() => Read(hocon));
        Assert.Contains(path, error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Sections_outside_the_runtime_are_left_to_their_owners()
    {
        var settings = Read("scenario { rows = 3 }\npolca.datacenter-like-section { anything = 1 }");
        Assert.Equal(3, settings.Config.GetInt("scenario.rows"));
    }

    [Fact]
    public void A_system_created_from_config_runs_on_its_clock()
    {
        var config = ConfigurationFactory.ParseString("""
            polca.clock { mode = virtual, virtual-advance = manual, start = "2023-11-16T18:00:00Z" }
            polca.logging.console.enabled = off
            """);
        using var system = ActorSystem.Create("configured", config);
        Assert.Equal(ClockMode.VirtualTime, system.Clock.Mode);
        Assert.Equal(new DateTimeOffset(2023, 11, 16, 18, 0, 0, TimeSpan.Zero), system.Clock.Now);
        system.VirtualTime!.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(new DateTimeOffset(2023, 11, 16, 18, 3, 0, TimeSpan.Zero), system.Clock.Now);
    }

    private sealed class Chatty : ReceiveActor
    {
        public Chatty()
        {
            var log = Context.GetLogger();
            Receive<string>(text =>
            {
                log.Info("heard {0}", text);
                log.Debug("debug {0}", text);
                Sender.Tell("logged", Self);
            });
        }
    }

    [Fact]
    public async Task Log_events_reach_the_rolling_file_sink_with_the_actor_path_and_emulated_time()
    {
        var directory = Path.Combine(Path.GetTempPath(), "polca-log-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(directory, "run-.log").Replace("\\", "/");
            var config = ConfigurationFactory.ParseString($$"""
                polca.clock { mode = virtual, virtual-advance = automatic, start = "2030-05-06T07:08:09Z" }
                polca.logging { level = info, console.enabled = off
                  file { enabled = on, path = "{{path}}", level = info, rolling-interval = infinite } }
                """);
            var system = ActorSystem.Create("filelog", config);
            var chatty = system.ActorOf(Props.Create(() => new Chatty()), "chatty");
            Assert.Equal("logged", await chatty.Ask<string>("{braces} stay", TimeSpan.FromSeconds(10)));
            await system.Terminate();
            var text = string.Concat(Directory.GetFiles(directory).Select(File.ReadAllText));
            Assert.Contains("heard {braces} stay", text);
            Assert.Contains("polca://filelog/user/chatty", text);
            Assert.Contains("2030-05-06 07:08:09", text);
            Assert.DoesNotContain("debug {braces}", text);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
