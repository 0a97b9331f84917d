using Polca.Datacenter.Scenario;
using Polca.Datacenter.Workloads;
using Polca.Hocon;

namespace Polca.Datacenter.Tests.Workloads;

public sealed class WorkloadConfigSpec
{
    private const string Example = """
        workload {
          streams = [
            { name = conv, arrivals = poisson, tokens = "builtin:azure-conv-2023", rate-per-s = 60,
              diurnal { amplitude = 0.3, period = 24h, peak-at = 14h }, priority = high }
            { name = code, arrivals = replay, trace = "builtin:azure-code-2023", rate-multiplier = 8.5,
              time-compression = 1.0, loop = on, start-offset = 0s, priority { low-share = 0.5 } }
          ]
        }
        """;

    private static WorkloadSpec Parse(string text, string? baseDirectory = null) =>
        WorkloadSpec.Parse(ConfigurationFactory.ParseString(text).GetConfig("workload"), baseDirectory);

    private static HoconException Fails(string text, string? baseDirectory = null) =>
        Assert.Throws<HoconException>(() => Parse(text, baseDirectory));

    /// <summary>A workload of one stream whose body is <paramref name="stream"/>, written on line 3.</summary>
    private static string One(string stream) => $"workload {{\n  streams = [\n    {{ {stream} }}\n  ]\n}}\n";

    private const string Poisson = "name = s, arrivals = poisson, tokens = \"builtin:azure-conv-2023\", priority = high";
    private const string Replay = "name = s, arrivals = replay, trace = \"builtin:azure-code-2023\", priority = low";

    [Fact]
    public void The_example_workload_parses_into_its_streams()
    {
        var spec = Parse(Example);

        Assert.Equal(["conv", "code"], spec.Streams.Select(s => s.Name));
        var conv = spec.Streams[0];
        Assert.Equal(ArrivalKind.Poisson, conv.Kind);
        Assert.Equal(0, conv.Index);
        Assert.Equal("builtin:azure-conv-2023", conv.Source);
        Assert.Same(LlmTrace.Load("builtin:azure-conv-2023", null), conv.Trace);
        Assert.Equal(60, conv.RatePerS);
        Assert.Equal(60, conv.MeanRatePerS);
        Assert.Equal(0.3, conv.Diurnal!.Amplitude);
        Assert.Equal(TimeSpan.FromHours(24), conv.Diurnal.Period);
        Assert.Equal(TimeSpan.FromHours(14), conv.Diurnal.PeakAt);
        Assert.Equal(RequestPriority.High, conv.Priority.FixedPriority);
        Assert.Equal(3, conv.Origin.Line);

        var code = spec.Streams[1];
        Assert.Equal(ArrivalKind.Replay, code.Kind);
        Assert.Equal(1, code.Index);
        Assert.Equal(8.5, code.RateMultiplier);
        Assert.Equal(1.0, code.TimeCompression);
        Assert.True(code.Loop);
        Assert.Equal(TimeSpan.Zero, code.StartOffset);
        Assert.Null(code.Diurnal);
        Assert.Null(code.Priority.FixedPriority);
        Assert.Equal(0.5, code.Priority.LowShare);
        Assert.InRange(code.MeanRatePerS, 8_819 / 3_435.9 * 8.5 * 0.999, 8_819 / 3_435.9 * 8.5 * 1.001);
        Assert.Equal(conv.MeanRatePerS + code.MeanRatePerS, spec.MeanRatePerS, 9);
        Assert.Contains("code: replay builtin:azure-code-2023 x8.5", code.ToString());
    }

    [Fact]
    public void The_example_workload_delivers_its_mean_rates()
    {
        var spec = Parse(Example);
        var source = spec.CreateSource(name => new Random(name == "conv" ? 1 : 2));

        var arrivals = Arrivals.Until(source, TimeSpan.FromHours(1));

        var conv = arrivals.Count(a => a.Stream == 0);
        var span = TimeSpan.FromSeconds(spec.Streams[1].Trace.SpanS);
        var code = arrivals.Where(a => a.Stream == 1 && a.ArrivalTicks < span.Ticks).ToList();

        // conv at t in [0, 1h] of a 24h cycle peaking at 14h: factor 1 + 0.3 cos(2π (t − 14h) / 24h), about 0.71 on average
        var expectedConv = Enumerable.Range(0, 3600).Sum(s => 60 * (1 + (0.3 * Math.Cos(2 * Math.PI * ((s + 0.5) - (14 * 3600)) / (24 * 3600)))));
        Assert.InRange(conv, 0.98 * expectedConv, 1.02 * expectedConv);
        // the code trace is bursty: count over one whole span (one pass of the superimposed copies)
        Assert.InRange(code.Count, 0.98 * 8.5 * 8_819, 1.02 * 8.5 * 8_819);
        Assert.InRange(code.Count(a => a.Priority == RequestPriority.Low) / (double)code.Count, 0.49, 0.51);
    }

    [Fact]
    public void Replay_settings_default_to_the_trace_as_recorded()
    {
        var stream = Parse(One(Replay)).Streams[0];

        Assert.Equal(1, stream.RateMultiplier);
        Assert.Equal(1, stream.TimeCompression);
        Assert.False(stream.Loop);
        Assert.Equal(TimeSpan.Zero, stream.StartOffset);
        Assert.Equal(RequestPriority.Low, stream.Priority.FixedPriority);
    }

    [Fact]
    public void Relative_trace_paths_resolve_against_the_base_directory()
    {
        using var dir = new TempDirectory();
        dir.Write("mine.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-01-01 00:00:00,5,6\n2023-01-01 00:00:04,7,8\n");

        var stream = Parse(One("name = s, arrivals = replay, trace = mine.csv, priority = high, rate-multiplier = 2"), dir.Path).Streams[0];

        Assert.Equal(Path.Combine(dir.Path, "mine.csv"), stream.Trace.Name);
        Assert.Equal(1.0, stream.MeanRatePerS, 9);
    }

    [Fact]
    public void A_bad_trace_file_is_an_input_error_at_its_own_line()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-01-01 00:00:00,5,6\n2023-01-01 00:00:04,7\n");

        var error = Assert.Throws<InputFileException>(() => Parse(One("name = s, arrivals = replay, trace = bad.csv, priority = high"), dir.Path));

        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData(Poisson + ", rate-per-s = 5, rate = 4", "stream \"s\" (arrivals = poisson): unknown key \"rate\"; expected one of name, arrivals, priority, diurnal, tokens, rate-per-s")]
    [InlineData(Poisson + ", rate-per-s = 5, loop = on", "unknown key \"loop\"; expected one of name, arrivals, priority, diurnal, tokens, rate-per-s")]
    [InlineData(Replay + ", rate-per-s = 5", "stream \"s\" (arrivals = replay): unknown key \"rate-per-s\"; expected one of name, arrivals, priority, diurnal, trace, rate-multiplier, time-compression, loop, start-offset")]
    [InlineData("name = s, arrivals = bursty, priority = high", "stream \"s\": expected arrivals = replay or poisson, found \"bursty\"")]
    [InlineData(Poisson + ", rate-per-s = 0", "stream \"s\": expected rate-per-s > 0, found 0")]
    [InlineData(Poisson + ", rate-per-s = -5", "expected rate-per-s > 0, found -5")]
    [InlineData(Poisson + ", rate-per-s = fast", "value at path \"rate-per-s\" has type string (\"fast\") but a number was expected")]
    [InlineData(Poisson, "stream \"s\": expected rate-per-s (a number), found none")]
    [InlineData(Replay + ", rate-multiplier = 0", "expected rate-multiplier > 0, found 0")]
    [InlineData(Replay + ", time-compression = -1", "expected time-compression > 0, found -1")]
    [InlineData(Replay + ", start-offset = 2h", "expected start-offset within [0s, 3435.948s] (the trace span), found 02:00:00")]
    [InlineData(Replay + ", diurnal { amplitude = 1.5, period = 24h, peak-at = 14h }", "expected diurnal.amplitude in [0, 1], found 1.5")]
    [InlineData(Replay + ", diurnal { amplitude = -0.1, period = 24h, peak-at = 14h }", "expected diurnal.amplitude in [0, 1], found -0.1")]
    [InlineData(Replay + ", diurnal { amplitude = 0.5, period = 0s, peak-at = 14h }", "expected diurnal.period > 0, found 00:00:00")]
    [InlineData(Replay + ", diurnal { amplitude = 0.5, period = 24h }", "stream \"s\" diurnal: expected peak-at (a duration since the run's start such as 14h), found none")]
    [InlineData(Replay + ", diurnal { amplitude = 0.5, period = 24h, peak-at = 1h, phase = 2 }", "stream \"s\" diurnal: unknown key \"phase\"; expected one of amplitude, period, peak-at")]
    [InlineData(Replay + ", diurnal = daily", "expected diurnal = { amplitude, period, peak-at }, found \"daily\"")]
    [InlineData("name = s, arrivals = poisson, tokens = \"builtin:azure-conv-2023\", rate-per-s = 1, priority = medium", "expected priority = high, low or { low-share = P }, found \"medium\"")]
    [InlineData("name = s, arrivals = poisson, tokens = \"builtin:azure-conv-2023\", rate-per-s = 1, priority = 3", "expected priority = high, low or { low-share = P }, found \"3\"")]
    [InlineData("name = s, arrivals = poisson, tokens = \"builtin:azure-conv-2023\", rate-per-s = 1, priority { low-share = 2 }", "expected priority.low-share in [0, 1], found 2")]
    [InlineData("name = s, arrivals = poisson, tokens = \"builtin:azure-conv-2023\", rate-per-s = 1, priority { share = 0.5 }", "stream \"s\" priority: unknown key \"share\"; expected one of low-share")]
    [InlineData("name = s, arrivals = poisson, tokens = \"builtin:azure-conv-2023\", rate-per-s = 1", "stream \"s\": expected priority = high, low or { low-share = P }, found no priority")]
    [InlineData("name = s, arrivals = poisson, tokens = \"builtin:nope\", rate-per-s = 1, priority = high", "stream \"s\": tokens: unknown built-in data set: expected one of builtin:azure-code-2023, builtin:azure-conv-2023, builtin:splitwise-perf-model, found \"builtin:nope\"")]
    [InlineData("name = s, arrivals = replay, trace = \"/no/such/trace.csv\", priority = high", "stream \"s\": trace: expected an existing file, found no file at \"/no/such/trace.csv\"")]
    [InlineData("arrivals = replay, trace = \"builtin:azure-code-2023\", priority = high", "stream 1: expected name (a stream name), found none")]
    [InlineData("name = \"\", arrivals = replay, trace = \"builtin:azure-code-2023\", priority = high", "stream 1: expected a non-empty name, found an empty string")]
    public void Bad_streams_are_reported_at_their_line(string stream, string reason)
    {
        var error = Fails(One(stream));

        Assert.Equal(3, error.Line);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Duplicate_names_are_reported_at_the_second()
    {
        var error = Fails("""
            workload {
              streams = [
                { name = a, arrivals = poisson, tokens = "builtin:azure-conv-2023", rate-per-s = 1, priority = high }
                { name = b, arrivals = poisson, tokens = "builtin:azure-conv-2023", rate-per-s = 1, priority = high }
                { name = a, arrivals = poisson, tokens = "builtin:azure-conv-2023", rate-per-s = 1, priority = low }
              ]
            }
            """);

        Assert.Equal(5, error.Line);
        Assert.Equal("expected unique stream names, found \"a\" again (first defined at <string>:3:5)", error.Reason);
    }

    [Theory]
    [InlineData("workload {\n  streams = []\n}", 2, "expected at least one stream in workload.streams, found an empty list")]
    [InlineData("workload {\n  streams = 5\n}", 2, "expected workload.streams to be a list of stream objects, found number")]
    [InlineData("workload {\n  streams = [\n    conv\n  ]\n}", 3, "expected stream 1 of workload.streams to be an object, found \"conv\"")]
    [InlineData("workload {\n  streams = [ { name = a, arrivals = poisson, tokens = \"builtin:azure-conv-2023\", rate-per-s = 1, priority = high } ]\n  seed = 4\n}", 3, "workload: unknown key \"seed\"; expected streams")]
    public void Bad_stream_lists_are_reported_at_their_line(string text, int line, string reason)
    {
        var error = Fails(text);

        Assert.Equal(line, error.Line);
        Assert.Equal(reason, error.Reason);
    }
}
