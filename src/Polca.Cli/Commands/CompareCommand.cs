using Polca.Cli.Compare;
using Polca.Datacenter.Scenario;
using Polca.Datacenter.Scenario.Summary;

namespace Polca.Cli.Commands;

/// <summary><c>polca compare A B</c>: prints run B's impact against baseline A and checks B's SLO, if it states one.</summary>
public sealed class CompareCommand : ICliCommand
{
    /// <summary>Exit code when B's SLO is not met (some check failed).</summary>
    public const int SloNotMet = 1;

    /// <inheritdoc />
    public string Name => "compare";

    /// <inheritdoc />
    public string Summary => "compare run B against baseline run A (latency, throughput, power) and check B's SLO";

    /// <inheritdoc />
    public string Help => """
        usage: polca compare A B

        A is the baseline run, B the run to judge. Each is a run's output folder (holding
        summary.json) or the path of a summary.json.

        Prints B against A as plain tables:
          - latency of completed requests per class (high, low), metric (ttft, tbt, e2e) and
            percentile (p50, p90, p99): A ms, B ms, change = B/A - 1
          - throughput per server per class: A, B and B/A
          - power: peak fraction of a row budget, mean and peak W, energy kWh, brake events,
            breaker trips, row-seconds over budget; capping decisions and capped server-seconds

        If B's summary states an SLO ("slo"), checks it, one PASS/FAIL/SKIP line per check:
          - e2e impact (B/A - 1) at p50 and at p99, per class, at most the allowed rise
          - throughput per server B/A, per class, at least the allowed ratio
        A class with no completed request in either run is skipped; in only one of them, it fails.
        Without an SLO in B, nothing is checked.

        exit codes:
          0  compared; every SLO check passed (or B states no SLO)
          1  compared; some SLO check failed
          2  bad usage, or a missing or invalid summary; the reason is printed on stderr as FILE: message
        """;

    /// <inheritdoc />
    public int Execute(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Any(a => a is "--help" or "-h"))
        {
            output.WriteLine(Help);
            return ExitCodes.Success;
        }

        if (arguments.FirstOrDefault(a => a.StartsWith('-') && a.Length > 1) is { } option)
        {
            error.WriteLine($"polca compare: unknown option '{option}' (see 'polca compare --help')");
            return ExitCodes.Failure;
        }

        if (arguments.Count != 2)
        {
            error.WriteLine(arguments.Count < 2
                ? $"polca compare: expected two runs A and B, found {arguments.Count} (see 'polca compare --help')"
                : $"polca compare: expected two runs A and B, found {arguments.Count}: {string.Join(' ', arguments)} (see 'polca compare --help')");
            return ExitCodes.Failure;
        }

        RunSummary a, b;
        string pathA, pathB;
        try
        {
            pathA = SummaryPath(arguments[0]);
            pathB = SummaryPath(arguments[1]);
            a = SummaryJson.Read(pathA);
            b = SummaryJson.Read(pathB);
        }
        catch (InputFileException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.Failure;
        }

        SummaryComparison.Write(output, pathA, a, pathB, b);
        output.WriteLine();
        if (b.Slo is not { } slo)
        {
            output.WriteLine("SLO: B's summary states no SLO; nothing to check.");
            return ExitCodes.Success;
        }

        output.WriteLine("SLO of B against A (impact = B/A - 1)");
        var checks = SloEvaluator.Evaluate(a, b, slo);
        var width = checks.Max(c => c.Name.Length);
        foreach (var check in checks)
        {
            output.WriteLine($"{check.Verdict.ToString().ToUpperInvariant(),-4}  {check.Name.PadRight(width)}  {check.Detail}");
        }

        var failed = checks.Count(c => c.Verdict == SloVerdict.Fail);
        var passed = checks.Count(c => c.Verdict == SloVerdict.Pass);
        var skipped = checks.Count(c => c.Verdict == SloVerdict.Skip);
        output.WriteLine($"SLO: {(failed == 0 ? "PASS" : "FAIL")} ({passed} passed, {failed} failed, {skipped} skipped)");
        return failed == 0 ? ExitCodes.Success : SloNotMet;
    }

    /// <summary>The summary file that <paramref name="argument"/> names: the folder's summary.json, or the path itself.</summary>
    private static string SummaryPath(string argument)
    {
        if (argument.Length == 0) throw new InputFileException("''", 0, "expected a run's output folder or a summary.json path, found an empty argument");
        return Directory.Exists(argument) ? Path.Combine(argument, SummaryJson.FileName) : argument;
    }
}
