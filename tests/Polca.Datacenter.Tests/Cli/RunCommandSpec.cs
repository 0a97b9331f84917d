using System.Text.Json;
using Polca.Cli;
using Polca.Datacenter.Tests.Support;

namespace Polca.Datacenter.Tests.Cli;

/// <summary>polca run and polca replay --rebuild as a user runs them: outputs, rebuild equality, and bad input (exit 2, file and line).</summary>
public sealed class RunCommandSpec : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "polca-run-spec-" + Guid.NewGuid().ToString("N"));

    public RunCommandSpec() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private const string SmallScenario = """
        polca.scenario {
          name = small
          seed = 7
          duration = 3m
          model { name = llama2-70b, tensor-parallel = 8 }
          rows { count = 2, servers = 4, racks = 2, server = DGX-A100, budget-servers = 4, low-priority-share = 0.5 }
          controller { policy = polca }
          workload {
            streams = [
              { name = conv, arrivals = poisson, tokens = "builtin:azure-conv-2023", rate-per-s = 6, priority { low-share = 0.5 } }
            ]
          }
        }
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Err) Polca(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApplication.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_run_writes_its_outputs_and_the_journal_rebuilds_them_equal()
    {
        var scenario = Write("small.conf", SmallScenario);
        var outDir = Path.Combine(_dir, "out");
        var (code, output, error) = Polca("run", scenario, "--out", outDir, "--max-speed");
        Assert.True(code == 0, error);
        Assert.Contains("run completed", output);
        foreach (var file in new[] { "summary.json", "timeseries.csv", "journal.db", "report.html" }) Assert.True(File.Exists(Path.Combine(outDir, file)), file);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("small", root.GetProperty("scenario").GetString());
        Assert.Equal(7, root.GetProperty("seed").GetInt64());
        Assert.Equal(180, root.GetProperty("emulated_s").GetDouble());
        Assert.Equal(64, root.GetProperty("gpus").GetInt32());
        var requests = root.GetProperty("requests");
        Assert.True(requests.GetProperty("arrived").GetInt64() > 800);
        Assert.Equal(requests.GetProperty("arrived").GetInt64(),
            requests.GetProperty("completed").GetInt64() + requests.GetProperty("failed").GetInt64() + requests.GetProperty("in_flight").GetInt64());
        Assert.Equal(2 * 180 + 1, File.ReadAllLines(Path.Combine(outDir, "timeseries.csv")).Length);

        var rebuilt = Path.Combine(_dir, "rebuilt");
        var replay = Polca("replay", Path.Combine(outDir, "journal.db"), "--rebuild", rebuilt);
        Assert.True(replay.Code == 0, replay.Err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(outDir, "summary.json")), File.ReadAllBytes(Path.Combine(rebuilt, "summary.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(outDir, "timeseries.csv")), File.ReadAllBytes(Path.Combine(rebuilt, "timeseries.csv")));
    }

    [Fact]
    public void The_same_seed_gives_the_same_run_bit_for_bit()
    {
        var scenario = Write("small.conf", SmallScenario);
        var a = Polca("run", scenario, "--out", Path.Combine(_dir, "a"), "--duration", "90s", "--quiet");
        var b = Polca("run", scenario, "--out", Path.Combine(_dir, "b"), "--duration", "90s", "--quiet");
        Assert.True(a.Code == 0 && b.Code == 0, a.Err + b.Err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "a", "timeseries.csv")), File.ReadAllBytes(Path.Combine(_dir, "b", "timeseries.csv")));
        var summaryA = Summary(Path.Combine(_dir, "a"));
        var summaryB = Summary(Path.Combine(_dir, "b"));
        Assert.Equal(summaryA.GetProperty("requests").GetRawText(), summaryB.GetProperty("requests").GetRawText());
        Assert.Equal(summaryA.GetProperty("power").GetRawText(), summaryB.GetProperty("power").GetRawText());

        var c = Polca("run", scenario, "--out", Path.Combine(_dir, "c"), "--duration", "90s", "--quiet", "--seed", "8");
        Assert.True(c.Code == 0, c.Err);
        Assert.NotEqual(summaryA.GetProperty("requests").GetRawText(), Summary(Path.Combine(_dir, "c")).GetProperty("requests").GetRawText());
    }

    [Fact]
    public void A_paced_run_is_the_same_run_as_at_max_speed()
    {
        // 90 emulated seconds at pace 900: about 0.1 s of wall time. Pacing only decides when the events happen on the
        // wall clock, never which or in what order.
        var scenario = Write("small.conf", SmallScenario);
        var paced = Polca("run", scenario, "--out", Path.Combine(_dir, "paced"), "--duration", "90s", "--pace", "900", "--quiet");
        var fast = Polca("run", scenario, "--out", Path.Combine(_dir, "fast"), "--duration", "90s", "--max-speed", "--quiet");
        Assert.True(paced.Code == 0 && fast.Code == 0, paced.Err + fast.Err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "fast", "timeseries.csv")), File.ReadAllBytes(Path.Combine(_dir, "paced", "timeseries.csv")));
        var pacedSummary = Summary(Path.Combine(_dir, "paced"));
        var fastSummary = Summary(Path.Combine(_dir, "fast"));
        Assert.Equal(fastSummary.GetProperty("requests").GetRawText(), pacedSummary.GetProperty("requests").GetRawText());
        Assert.Equal(fastSummary.GetProperty("power").GetRawText(), pacedSummary.GetProperty("power").GetRawText());
        Assert.Equal(900, pacedSummary.GetProperty("pace").GetProperty("target").GetDouble());
        // Never ahead of the wall clock: 90 emulated seconds at pace 900 take at least 0.1 s.
        Assert.True(pacedSummary.GetProperty("wall_s").GetDouble() >= 0.1, pacedSummary.GetRawText());
    }

    private static JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    [Theory]
    [InlineData("server = DGX-A100", "server = DGX-Z9", "unknown server SKU \"DGX-Z9\"")]
    [InlineData("budget-servers = 4", "budget-w = -5", "must be a positive number")]
    [InlineData("rows {", "rowz = 1\n  rows {", "unknown setting 'rowz'")]
    [InlineData("name = llama2-70b", "name = gpt-9", "unknown model \"gpt-9\"")]
    [InlineData("policy = polca", "policy = magic", "must be one of none, polca, static-cap, static-power-limit")]
    [InlineData("rate-per-s = 6", "rate-per-s = -6", "rate-per-s")]
    public void Bad_scenario_input_names_the_file_and_line_and_exits_2(string find, string replace, string expected)
    {
        var text = SmallScenario.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(SmallScenario, text);
        var scenario = Write("bad.conf", text);
        var outDir = Path.Combine(_dir, "out");
        var (code, _, error) = Polca("run", scenario, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("bad.conf:", error);
        Assert.Matches(@"bad\.conf:\d+", error);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_missing_trace_names_the_trace()
    {
        var scenario = Write("missing.conf", SmallScenario.Replace("builtin:azure-conv-2023", "no-such-trace.csv", StringComparison.Ordinal));
        var (code, _, error) = Polca("run", scenario, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, code);
        Assert.Contains("no-such-trace.csv", error);
    }

    [Fact]
    public void A_malformed_trace_names_the_trace_file_and_line()
    {
        Write("trace.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:47.0000000,abc,44\n");
        var scenario = Write("malformed.conf", SmallScenario.Replace("builtin:azure-conv-2023", "trace.csv", StringComparison.Ordinal));
        var (code, _, error) = Polca("run", scenario, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, code);
        Assert.Contains("trace.csv:3", error);
    }

    [Fact]
    public void A_folder_holding_a_run_is_refused_and_left_untouched()
    {
        var scenario = Write("small.conf", SmallScenario);
        var outDir = Path.Combine(_dir, "out");
        Directory.CreateDirectory(outDir);
        var journal = Path.Combine(outDir, "journal.db");
        File.WriteAllText(journal, "an earlier run");
        var (code, _, error) = Polca("run", scenario, "--out", outDir, "--duration", "10s");
        Assert.Equal(2, code);
        Assert.Contains("already holds a run", error);
        Assert.Equal("an earlier run", File.ReadAllText(journal));
    }

    [Theory]
    [InlineData("--pace", "fast")]
    [InlineData("--duration", "soon")]
    [InlineData("--seed", "x")]
    [InlineData("--bogus", "1")]
    public void Bad_command_lines_exit_2(string option, string value)
    {
        var scenario = Write("small.conf", SmallScenario);
        var (code, _, error) = Polca("run", scenario, option, value);
        Assert.Equal(2, code);
        Assert.Contains("polca run:", error);
    }

    [Fact]
    public void A_missing_scenario_file_is_named()
    {
        var (code, _, error) = Polca("run", Path.Combine(_dir, "nope.conf"));
        Assert.Equal(2, code);
        Assert.Contains("nope.conf", error);
    }

    [Fact]
    public void Rebuild_of_a_journal_without_a_run_is_a_clear_error()
    {
        var notAJournal = Write("empty.db", "");
        var (code, _, error) = Polca("replay", notAJournal, "--rebuild", Path.Combine(_dir, "rb"));
        Assert.Equal(2, code);
        Assert.Contains("empty.db", error);
    }
}
