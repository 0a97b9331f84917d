using System.Globalization;
using Polca.Hocon;

namespace Polca.Cli.Run;

/// <summary>The parsed command line of <c>polca run</c>.</summary>
public sealed record RunArguments(string Scenario, string? OutputDirectory, double? Pace, bool MaxSpeed, TimeSpan? Duration, long? Seed, bool Quiet)
{
    /// <summary>Parses the arguments after the verb; a mistake throws <see cref="RunUsageException"/>.</summary>
    public static RunArguments Parse(IReadOnlyList<string> arguments)
    {
        string? scenario = null, outDir = null;
        double? pace = null;
        TimeSpan? duration = null;
        long? seed = null;
        var maxSpeed = false;
        var quiet = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var arg = arguments[i];
            switch (arg)
            {
                case "--out":
                    outDir = Value(arguments, ref i);
                    break;
                case "--pace":
                    var text = Value(arguments, ref i);
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !(p > 0))
                        throw new RunUsageException($"--pace expects a positive number (emulated seconds per wall second), found \"{text}\"");
                    pace = p;
                    break;
                case "--max-speed":
                    maxSpeed = true;
                    break;
                case "--duration":
                    duration = ParseDuration(Value(arguments, ref i));
                    break;
                case "--seed":
                    var seedText = Value(arguments, ref i);
                    if (!long.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
                        throw new RunUsageException($"--seed expects a whole number, found \"{seedText}\"");
                    seed = s;
                    break;
                case "--quiet":
                    quiet = true;
                    break;
                default:
                    if (arg.StartsWith('-')) throw new RunUsageException($"unknown option '{arg}'");
                    if (scenario is not null) throw new RunUsageException($"one scenario per run; found a second: '{arg}'");
                    scenario = arg;
                    break;
            }
        }

        if (scenario is null) throw new RunUsageException("missing SCENARIO (a scenario file such as scenarios/polca-baseline.conf)");
        if (maxSpeed && pace is not null) throw new RunUsageException("give --pace or --max-speed, not both");
        return new RunArguments(scenario, outDir, pace, maxSpeed, duration, seed, quiet);
    }

    private static string Value(IReadOnlyList<string> arguments, ref int i)
    {
        if (i + 1 >= arguments.Count) throw new RunUsageException($"{arguments[i]} needs a value");
        return arguments[++i];
    }

    private static TimeSpan ParseDuration(string text)
    {
        try
        {
            var value = ConfigurationFactory.ParseString("d = \"" + text.Replace("\"", "") + "\"").GetTimeSpan("d");
            if (value <= TimeSpan.Zero) throw new RunUsageException($"--duration must be positive, found \"{text}\"");
            return value;
        }
        catch (HoconException)
        {
            throw new RunUsageException($"--duration expects a duration such as 90s, 30m, 1h or 1d, found \"{text}\"");
        }
    }
}
