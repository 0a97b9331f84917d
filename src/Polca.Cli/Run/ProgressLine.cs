using System.Globalization;
using Polca.Datacenter.Scenario;
using Polca.Datacenter.Telemetry;

namespace Polca.Cli.Run;

/// <summary>One plain progress line: emulated time, pace achieved, row power against budget, requests.</summary>
public static class ProgressLine
{
    /// <summary>Formats a progress report (rows beyond <paramref name="maxRows"/> are summed into the total).</summary>
    public static string Format(RunProgress progress, RunClock clock, int maxRows = 4)
    {
        var inv = CultureInfo.InvariantCulture;
        var pace = clock.Wall.TotalSeconds > 0 ? progress.Emulated.TotalSeconds / clock.Wall.TotalSeconds : 0;
        var rows = progress.Rows.Take(maxRows).Select(r => string.Format(inv, "{0} {1:0.0}/{2:0.0} kW ({3:0.0}%)", r.Row, r.TruePowerW / 1000, r.BudgetW / 1000,
            100 * r.TruePowerW / r.BudgetW));
        var total = progress.Rows.Sum(r => r.TruePowerW);
        var budget = progress.Rows.Sum(r => r.BudgetW);
        var totalText = progress.Rows.Count > maxRows ? string.Format(inv, "  all {0} rows {1:0.0}/{2:0.0} kW ({3:0.0}%)", progress.Rows.Count, total / 1000,
            budget / 1000, budget > 0 ? 100 * total / budget : 0) : "";
        return string.Format(inv, "[{0} / {1}] pace {2:0.0}x{3}  {4}{5}  requests {6:N0} completed {7:N0} failed {8:N0}",
            Clock(progress.Emulated), Clock(clock.Duration), pace, clock.TargetPace is { } t ? string.Format(inv, " (target {0})", t) : " (max speed)",
            string.Join("  ", rows), totalText, progress.Arrived, progress.Completed, progress.Failed);
    }

    /// <summary>h:mm:ss of a span.</summary>
    public static string Clock(TimeSpan span) => string.Format(CultureInfo.InvariantCulture, "{0}:{1:00}:{2:00}", (int)span.TotalHours, span.Minutes, span.Seconds);
}
