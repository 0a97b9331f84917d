using System.Globalization;
using Polca.Cli.Run;
using Polca.Datacenter.Scenario;
using Polca.Hocon;
using Spectre.Console;

namespace Polca.Cli.Commands;

/// <summary><c>polca run SCENARIO</c>: builds the scenario's world, runs it with progress, and writes the output folder.</summary>
public sealed class RunCommand : ICliCommand
{
    /// <summary>Exit code of a run stopped by Ctrl-C (its outputs are written).</summary>
    public const int Interrupted = 130;

    /// <summary>Exit code of a run whose emulation failed (an actor broke an invariant).</summary>
    public const int EmulationFailed = 1;

    /// <inheritdoc />
    public string Name => "run";

    /// <inheritdoc />
    public string Summary => "run an emulation scenario and write summary.json, timeseries.csv, the journal and report.html";

    /// <inheritdoc />
    public string Help => """
        usage: polca run SCENARIO [--out DIR] [--pace X | --max-speed] [--duration T] [--seed N] [--quiet]

        Builds the datacenter a scenario file describes (scenarios/*.conf), runs it, and writes to DIR:
          summary.json     scenario, seed, time, pace, power, capping, requests and latencies per priority
          timeseries.csv   per row and emulated second: true and sensed power, budget, caps in force
          journal.db       the run's events (SQLite): rebuild the outputs with polca replay --rebuild
          report.html      one self-contained page of charts (no network needed)

        --out DIR        output folder (default runs/NAME-yyyyMMdd-HHmmss); it must not hold a run already
        --pace X         emulated seconds per wall second (1 = real time): the same run as at max speed,
                         held back so that it never runs ahead of the wall clock
        --max-speed      as fast as possible (the default unless the scenario sets a pace)
        --duration T     emulated time to run, e.g. 90s, 30m, 2h, 1d (default: the scenario's)
        --seed N         seed of every random stream (default: the scenario's); same seed, same run
        --quiet          no progress lines

        Progress shows emulated time, the pace achieved and each row's power against its budget. Ctrl-C stops
        the run cleanly: the outputs are written for the time emulated so far.

        exit codes:
          0    the run completed and its outputs are written
          1    the emulation failed (an actor broke an invariant); the reason is on stderr
          2    bad usage or bad input (scenario, trace, table); the reason names the file and line
          130  stopped by Ctrl-C; the outputs cover the time emulated so far
        """;

    /// <inheritdoc />
    public int Execute(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (arguments.Any(a => a is "--help" or "-h"))
        {
            output.WriteLine(Help);
            return ExitCodes.Success;
        }

        RunArguments args;
        ScenarioSpec spec;
        try
        {
            args = RunArguments.Parse(arguments);
            spec = ScenarioSpec.Load(args.Scenario);
        }
        catch (RunUsageException e)
        {
            error.WriteLine($"polca run: {e.Message}");
            error.WriteLine("usage: polca run SCENARIO [--out DIR] [--pace X | --max-speed] [--duration T] [--seed N] [--quiet]");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is HoconException or InputFileException)
        {
            error.WriteLine($"polca run: {e.Message}");
            return ExitCodes.Failure;
        }

        var outDir = args.OutputDirectory ?? Path.Combine("runs", $"{spec.Name}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var interactive = !args.Quiet && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            var options = new RunOptions
            {
                OutputDirectory = outDir,
                Pace = args.Pace,
                MaxSpeed = args.MaxSpeed,
                Duration = args.Duration,
                Seed = args.Seed,
                ProgressEvery = ProgressInterval(args.Duration ?? spec.Duration),
            };
            RunResult result;
            if (interactive)
            {
                result = RunLive(spec, options, cancel.Token);
            }
            else
            {
                result = EmulationRunner.Run(spec, args.Quiet ? options : options with { OnProgress = (p, c) => output.WriteLine(ProgressLine.Format(p, c)) }, cancel.Token);
            }

            PrintResult(result, output);
            return result.Interrupted ? Interrupted : ExitCodes.Success;
        }
        catch (Exception e) when (e is HoconException or InputFileException)
        {
            error.WriteLine($"polca run: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (EmulationFailedException e)
        {
            error.WriteLine($"polca run: {e.Message}");
            error.WriteLine(e.InnerException?.ToString());
            return EmulationFailed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    // About 200 progress reports per run, at least one per emulated 10 s.
    private static TimeSpan ProgressInterval(TimeSpan duration) =>
        TimeSpan.FromSeconds(Math.Max(10, Math.Round(duration.TotalSeconds / 200 / 10) * 10));

    private static RunResult RunLive(ScenarioSpec spec, RunOptions options, CancellationToken cancellation)
    {
        RunResult? result = null;
        var status = new Markup($"[bold]{Markup.Escape(spec.Name)}[/]: starting");
        AnsiConsole.Live(status).Start(ctx =>
        {
            result = EmulationRunner.Run(spec, options with
            {
                OnProgress = (p, c) =>
                {
                    ctx.UpdateTarget(new Markup($"[bold]{Markup.Escape(spec.Name)}[/]  {Markup.Escape(ProgressLine.Format(p, c, maxRows: 3))}"));
                    ctx.Refresh();
                },
            }, cancellation);
        });
        return result!;
    }

    private static void PrintResult(RunResult result, TextWriter output)
    {
        var s = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(result.Interrupted ? "run interrupted: outputs cover the time emulated so far" : "run completed");
        output.WriteLine(string.Format(inv, "  emulated {0} in {1:0.0} s wall ({2:0.0}x); {3} rows, {4} servers, {5} GPUs", ProgressLine.Clock(TimeSpan.FromSeconds(s.EmulatedS)),
            s.WallS, s.Speedup, s.Rows, s.Servers, s.Gpus));
        output.WriteLine(string.Format(inv, "  power: peak {0:0.0}% of budget, largest 40 s rise {1:0.0}%, {2} brake events, {3} breaker trips, {4:0.00} kWh",
            100 * s.Power.PeakFraction, 100 * s.Power.MaxRise40sFraction, s.Power.BrakeEvents, s.Power.BreakerTrips, s.Power.EnergyKwh));
        output.WriteLine(string.Format(inv, "  requests: {0:N0} arrived, {1:N0} completed, {2:N0} failed, {3:N0} in flight", s.Requests.Arrived, s.Requests.Completed,
            s.Requests.Failed, s.Requests.InFlight));
        foreach (var (name, p) in new[] { ("high", s.Requests.High), ("low", s.Requests.Low) })
        {
            output.WriteLine(string.Format(inv, "  {0,-4}: e2e p50 {1:0} ms p99 {2:0} ms, ttft p50 {3:0} ms, tbt p50 {4:0.0} ms, {5:0.000} req/s per server", name,
                p.E2e.P50, p.E2e.P99, p.Ttft.P50, p.Tbt.P50, p.ThroughputRpsPerServer));
        }

        output.WriteLine($"  outputs: {Path.GetDirectoryName(result.SummaryPath)}");
    }
}
