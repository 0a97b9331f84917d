using System.Globalization;
using Polca.Cli;
using Polca.Datacenter.Scenario.Summary;
using Polca.Datacenter.Tests.Outputs;

namespace Polca.Datacenter.Tests.Compare;

/// <summary><c>polca compare A B</c>, run in-process: the tables, the SLO verdicts and the exit codes 0, 1 and 2.</summary>
public sealed class CompareCommandSpec : IDisposable
{
    private readonly TempFolder _folder = new();

    private sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public string[] Lines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

        /// <summary>The one output line whose first words are those of <paramref name="prefix"/>, split on runs of blanks.</summary>
        public string[] Row(string prefix)
        {
            var words = Words(prefix);
            return Lines.Select(Words).Single(l => l.Length >= words.Length && l[..words.Length].SequenceEqual(words));
        }

        private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Deletes the test's folder.</summary>
    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Prints_the_latency_throughput_power_and_capping_tables()
    {
        var baseline = SampleSummary.Create("baseline");
        var a = baseline with { Power = baseline.Power with { EnergyKwh = 400 } };
        var b = Slower(a, highP50: 1.008, highP99: 1.02, lowP50: 1.03, lowP99: 1.2) with
        {
            Servers = 68,
            Power = a.Power with { PeakFraction = 0.98, MeanW = 481_481.4, EnergyKwh = 480, BrakeEvents = 2, SecondsOverBudget = 12 },
            Capping = a.Capping with { CapEvents = 34 },
        };
        var result = Compare(Save("a", a), Save("b", b));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(["high", "e2e", "p50", "1000.00", "1008.00", "+0.80", "%"], result.Row("high   e2e      p50"));
        Assert.Equal(["high", "e2e", "p99", "2000.00", "2040.00", "+2.00", "%"], result.Row("high   e2e      p99"));
        Assert.Equal(["low", "e2e", "p99", "8000.00", "9600.00", "+20.00", "%"], result.Row("low    e2e      p99"));
        Assert.Equal(["high", "ttft", "p90", "300.00", "300.00", "+0.00", "%"], result.Row("high   ttft     p90"));
        Assert.Equal(["high", "6000", "6000", "26", "26", "0.0641", "0.0641", "1.0000"], result.Row("high   6000"));
        Assert.Equal(["peak", "fraction", "of", "a", "row", "budget", "0.9591", "0.9800", "+2.18", "%"], result.Row("peak fraction"));
        Assert.Equal(["mean", "power", "W", "401234.5", "481481.4", "+20.00", "%"], result.Row("mean power W"));
        Assert.Equal(["energy", "kWh", "400.000", "480.000", "+20.00", "%"], result.Row("energy kWh"));
        Assert.Equal(["brake", "events", "0", "2", "n/a"], result.Row("brake events"));
        Assert.Equal(["breaker", "trips", "0", "0", "+0.00", "%"], result.Row("breaker trips"));
        Assert.Equal(["row-seconds", "over", "budget", "0.0", "12.0", "n/a"], result.Row("row-seconds over budget"));
        Assert.Equal(["cap", "decisions", "17", "34", "+100.00", "%"], result.Row("cap decisions"));
        Assert.Contains("scenario \"baseline\", seed 42, 3600 s emulated, 2 rows, 52 servers", result.Output, StringComparison.Ordinal);
        Assert.Contains("SLO: B's summary states no SLO; nothing to check.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_line_up_when_piped()
    {
        var a = SampleSummary.Create();
        var result = Compare(Save("a", a), Save("b", Slower(a, 1.5, 1.5, 1.5, 1.5)));
        var header = result.Lines.Single(l => l.StartsWith("class  latency", StringComparison.Ordinal));
        var rows = result.Lines.SkipWhile(l => l != header).Skip(2).TakeWhile(l => l.Length > 0).ToList();

        Assert.Equal(18, rows.Count);
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        Assert.DoesNotContain('\u001b', result.Output);
    }

    [Fact]
    public void Within_the_slo_every_check_passes_and_the_exit_code_is_0()
    {
        var a = SampleSummary.Create();
        var b = Slower(a, highP50: 1.009, highP99: 1.04, lowP50: 1.04, lowP99: 1.45) with { Slo = SampleSummary.PolcaSlo() };
        var result = Compare(Save("a", a), Save("b", b));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(6, result.Lines.Count(l => l.StartsWith("PASS  ", StringComparison.Ordinal)));
        Assert.DoesNotContain("FAIL", result.Output, StringComparison.Ordinal);
        Assert.Contains(result.Lines, l => l.StartsWith("PASS  high e2e p50 impact", StringComparison.Ordinal) && l.Contains("+0.90 % (A 1000.00 ms, B 1009.00 ms), allowed <= +1.00 %", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith("PASS  low throughput per server", StringComparison.Ordinal) && l.Contains("B/A 1.0000", StringComparison.Ordinal));
        Assert.Equal("SLO: PASS (6 passed, 0 failed, 0 skipped)", result.Lines.Last(l => l.Length > 0));
    }

    [Fact]
    public void A_latency_impact_over_the_limit_fails_with_exit_code_1()
    {
        var a = SampleSummary.Create();
        var b = Slower(a, highP50: 1.0, highP99: 1.0, lowP50: 1.0, lowP99: 1.51) with { Slo = SampleSummary.PolcaSlo() };
        var result = Compare(Save("a", a), Save("b", b));

        Assert.Equal(Polca.Cli.Commands.CompareCommand.SloNotMet, result.ExitCode);
        var fail = Assert.Single(result.Lines, l => l.StartsWith("FAIL  ", StringComparison.Ordinal));
        Assert.StartsWith("FAIL  low e2e p99 impact", fail, StringComparison.Ordinal);
        Assert.Contains("+51.00 % (A 8000.00 ms, B 12080.00 ms), allowed <= +50.00 %", fail, StringComparison.Ordinal);
        Assert.Equal("SLO: FAIL (5 passed, 1 failed, 0 skipped)", result.Lines.Last(l => l.Length > 0));
    }

    [Fact]
    public void A_throughput_per_server_below_the_ratio_fails()
    {
        var a = SampleSummary.Create();
        var b = a with
        {
            Slo = SampleSummary.PolcaSlo(),
            Requests = a.Requests with { High = a.Requests.High with { ThroughputRpsPerServer = 0.0641 * 0.985 } },
        };
        var result = Compare(Save("a", a), Save("b", b));

        Assert.Equal(1, result.ExitCode);
        var fail = Assert.Single(result.Lines, l => l.StartsWith("FAIL  ", StringComparison.Ordinal));
        Assert.StartsWith("FAIL  high throughput per server", fail, StringComparison.Ordinal);
        Assert.Contains("B/A 0.9850 (A 0.0641, B 0.0631 req/s per server), required >= 0.9900", fail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_slo_is_taken_from_b_not_from_a()
    {
        var a = SampleSummary.Create() with { Slo = SampleSummary.PolcaSlo() };
        var b = Slower(a, 2, 2, 2, 2) with { Slo = null };
        var result = Compare(Save("a", a), Save("b", b));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("states no SLO", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_without_requests_in_either_run_is_skipped_and_in_one_run_fails()
    {
        var a = SampleSummary.Create();
        var noLow = a.Requests.Low with { Completed = 0, ThroughputRps = 0, ThroughputRpsPerServer = 0, Ttft = SampleSummary.Spread(0), Tbt = SampleSummary.Spread(0), E2e = SampleSummary.Spread(0) };
        var aNoLow = a with { Requests = a.Requests with { Low = noLow } };
        var bNoLow = aNoLow with { Slo = SampleSummary.PolcaSlo() };

        var skipped = Compare(Save("a", aNoLow), Save("b", bNoLow));
        Assert.Equal(0, skipped.ExitCode);
        Assert.Equal(3, skipped.Lines.Count(l => l.StartsWith("SKIP  low", StringComparison.Ordinal)));
        Assert.Contains("SLO: PASS (3 passed, 0 failed, 3 skipped)", skipped.Output, StringComparison.Ordinal);
        Assert.Equal(["low", "e2e", "p50", "0.00", "0.00", "+0.00", "%"], skipped.Row("low    e2e      p50"));

        var failed = Compare(Save("a2", a), Save("b2", bNoLow));
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(3, failed.Lines.Count(l => l.StartsWith("FAIL  low", StringComparison.Ordinal)));
        Assert.Contains("B completed no low-priority request (A completed 3990)", failed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Takes_output_folders_or_summary_paths()
    {
        var a = SampleSummary.Create();
        var folderA = Save("a", a);
        var fileB = Path.Combine(Save("b", a), SummaryJson.FileName);
        var result = Compare(folderA, fileB);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"A (baseline): {Path.Combine(folderA, SummaryJson.FileName)}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"B:            {fileB}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_summary_is_exit_code_2_with_a_message_naming_the_file()
    {
        var a = Save("a", SampleSummary.Create());
        var empty = Path.Combine(_folder.Path, "empty-run");
        Directory.CreateDirectory(empty);

        var result = Compare(a, empty);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith($"{Path.Combine(empty, SummaryJson.FileName)}: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var nowhere = Compare(Path.Combine(_folder.Path, "no-such-run"), a);
        Assert.Equal(2, nowhere.ExitCode);
        Assert.Contains("no-such-run", nowhere.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_summary_is_exit_code_2_naming_the_file_and_line_without_a_stack_trace()
    {
        var a = Save("a", SampleSummary.Create());
        var b = Save("b", SampleSummary.Create());
        var path = Path.Combine(b, SummaryJson.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"seed\": 42", "\"seed\": 4 2", StringComparison.Ordinal));

        var result = Compare(a, b);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith($"{path}:3: not a valid run summary", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("only-one")]
    [InlineData("a", "b", "c")]
    [InlineData("a", "b", "--verbose")]
    public void Bad_usage_is_exit_code_2(params string[] arguments)
    {
        var result = Run(["compare", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("polca compare: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("polca compare --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_prints_the_usage_and_polca_lists_the_command()
    {
        var help = Run(["compare", "--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("usage: polca compare A B", help.Output, StringComparison.Ordinal);
        Assert.Contains("1  compared; some SLO check failed", help.Output, StringComparison.Ordinal);

        var general = Run(["--help"]);
        Assert.Contains(general.Lines, l => l.TrimStart().StartsWith("compare ", StringComparison.Ordinal));
        Assert.Contains(general.Lines, l => l.TrimStart().StartsWith("replay ", StringComparison.Ordinal));
        Assert.Contains(general.Lines, l => l.TrimStart().StartsWith("config ", StringComparison.Ordinal));
    }

    /// <summary>B: A with each class's e2e p50 and p99 multiplied by the given factors (p90 unchanged), other figures equal.</summary>
    private static RunSummary Slower(RunSummary a, double highP50, double highP99, double lowP50, double lowP99)
    {
        static PriorityLatency Scale(PriorityLatency c, double p50, double p99) =>
            c with { E2e = c.E2e with { P50 = c.E2e.P50 * p50, P99 = c.E2e.P99 * p99 } };
        return a with
        {
            Scenario = "candidate",
            Requests = a.Requests with { High = Scale(a.Requests.High, highP50, highP99), Low = Scale(a.Requests.Low, lowP50, lowP99) },
        };
    }

    /// <summary>Writes <paramref name="summary"/> as the summary.json of a run folder named <paramref name="run"/>; returns the folder.</summary>
    private string Save(string run, RunSummary summary)
    {
        var folder = Path.Combine(_folder.Path, run);
        SummaryJson.Write(Path.Combine(folder, SummaryJson.FileName), summary);
        return folder;
    }

    private static Outcome Compare(string a, string b) => Run(["compare", a, b]);

    private static Outcome Run(string[] arguments)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = CliApplication.Run(arguments, output, error);
        return new Outcome(exitCode, output.ToString(), error.ToString());
    }
}
