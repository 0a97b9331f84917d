using System.Globalization;
using Polca.Hocon;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// One parsed stream of a workload (an element of <c>workload.streams</c>): how its requests arrive, where their
/// token counts come from, and their priority.
/// </summary>
/// <remarks>
/// Keys: <c>name</c>, <c>arrivals</c> (<c>replay</c> or <c>poisson</c>), <c>priority</c> (<c>high</c>, <c>low</c> or
/// <c>{ low-share = P }</c>), optional <c>diurnal { amplitude, period, peak-at }</c>; for replay <c>trace</c> and the
/// optional <c>rate-multiplier</c> (1), <c>time-compression</c> (1), <c>loop</c> (off), <c>start-offset</c> (0s), whose
/// defaults leave the trace as it is; for poisson <c>tokens</c> and <c>rate-per-s</c>.
/// </remarks>
public sealed class StreamSpec
{
    private static readonly string[] CommonKeys = ["name", "arrivals", "priority", "diurnal"];
    private static readonly string[] ReplayKeys = [.. CommonKeys, "trace", "rate-multiplier", "time-compression", "loop", "start-offset"];
    private static readonly string[] PoissonKeys = [.. CommonKeys, "tokens", "rate-per-s"];
    private static readonly string[] DiurnalKeys = ["amplitude", "period", "peak-at"];
    private static readonly string[] LowShareKeys = ["low-share"];

    private StreamSpec(string name, int index, ArrivalKind kind, HoconOrigin origin, string source, LlmTrace trace, PriorityPolicy priority, DiurnalEnvelope? diurnal)
    {
        Name = name;
        Index = index;
        Kind = kind;
        Origin = origin;
        Source = source;
        Trace = trace;
        Priority = priority;
        Diurnal = diurnal;
    }

    /// <summary>The stream's name, unique in its workload.</summary>
    public string Name { get; }

    /// <summary>The stream's position in <c>workload.streams</c>: the <see cref="ArrivalSpec.Stream"/> of its arrivals.</summary>
    public int Index { get; }

    /// <summary>How the stream generates arrivals.</summary>
    public ArrivalKind Kind { get; }

    /// <summary>Where the stream was defined.</summary>
    public HoconOrigin Origin { get; }

    /// <summary>The data source as written: <c>trace</c> for replay, <c>tokens</c> for poisson.</summary>
    public string Source { get; }

    /// <summary>The loaded trace: replayed (replay) or the rows token counts are drawn from (poisson).</summary>
    public LlmTrace Trace { get; }

    /// <summary>How requests get their priority class.</summary>
    public PriorityPolicy Priority { get; }

    /// <summary>The daily load cycle, or null for a flat rate.</summary>
    public DiurnalEnvelope? Diurnal { get; }

    /// <summary>Poisson: the mean arrival rate per second; 0 for replay.</summary>
    public double RatePerS { get; private init; }

    /// <summary>Replay: how many superimposed copies of the trace (fractional part thinned); 1 for poisson.</summary>
    public double RateMultiplier { get; private init; } = 1;

    /// <summary>Replay: how much faster than recorded the trace plays; 1 for poisson.</summary>
    public double TimeCompression { get; private init; } = 1;

    /// <summary>Replay: whether the trace repeats after its span.</summary>
    public bool Loop { get; private init; }

    /// <summary>Replay: how far into the trace the run starts.</summary>
    public TimeSpan StartOffset { get; private init; }

    /// <summary>
    /// The mean arrival rate per second: for replay the trace's count / span × rate multiplier × time compression,
    /// for poisson the rate (the diurnal envelope keeps the mean over a cycle).
    /// </summary>
    public double MeanRatePerS => Kind == ArrivalKind.Poisson
        ? RatePerS
        : Trace.Count / Trace.SpanS * RateMultiplier * TimeCompression;

    /// <summary>Builds this stream's arrival source, drawing from <paramref name="random"/>.</summary>
    public IArrivalSource CreateSource(Random random) => Kind == ArrivalKind.Poisson
        ? new PoissonArrivals(RatePerS, Trace, Diurnal, Priority, Index, random)
        : new ReplayArrivals(Trace, RateMultiplier, TimeCompression, Loop, StartOffset, Diurnal, Priority, Index, random);

    /// <summary>Renders the stream for summaries.</summary>
    public override string ToString()
    {
        var what = Kind == ArrivalKind.Poisson
            ? string.Create(CultureInfo.InvariantCulture, $"poisson {RatePerS}/s, tokens {Source}")
            : string.Create(CultureInfo.InvariantCulture, $"replay {Source} x{RateMultiplier}, compression {TimeCompression}{(Loop ? ", loop" : string.Empty)}, start {StartOffset}");
        return string.Create(CultureInfo.InvariantCulture, $"{Name}: {what}, mean {MeanRatePerS:0.###}/s, priority {Priority}{(Diurnal is null ? string.Empty : $", diurnal ({Diurnal})")}");
    }

    /// <summary>Parses element <paramref name="index"/> of <c>workload.streams</c>; errors are located at the value at fault.</summary>
    internal static StreamSpec Parse(HoconValue value, int index, string? baseDirectory)
    {
        if (value is not HoconObject obj)
        {
            throw new HoconException(value.Origin, $"expected stream {index + 1} of workload.streams to be an object, found {Describe(value)}");
        }

        var config = new Config(obj);
        var name = RequireString(obj, config, "name", $"stream {index + 1}", "a stream name");
        if (name.Length == 0)
        {
            throw new HoconException(obj["name"].Origin, $"stream {index + 1}: expected a non-empty name, found an empty string");
        }

        var subject = $"stream \"{name}\"";
        var kindText = RequireString(obj, config, "arrivals", subject, "replay or poisson");
        var kind = kindText switch
        {
            "replay" => ArrivalKind.Replay,
            "poisson" => ArrivalKind.Poisson,
            _ => throw new HoconException(obj["arrivals"].Origin, $"{subject}: expected arrivals = replay or poisson, found \"{kindText}\""),
        };
        CheckKeys(obj, kind == ArrivalKind.Replay ? ReplayKeys : PoissonKeys, $"{subject} (arrivals = {kindText})");

        var priority = ParsePriority(obj, subject);
        var diurnal = obj.TryGetValue("diurnal", out var d) && !d.IsNull ? ParseDiurnal(d, subject) : null;
        var sourceKey = kind == ArrivalKind.Replay ? "trace" : "tokens";
        var source = RequireString(obj, config, sourceKey, subject, "builtin:azure-code-2023, builtin:azure-conv-2023 or a file path");
        var problem = DataSource.Problem(source, baseDirectory);
        if (problem is not null)
        {
            throw new HoconException(obj[sourceKey].Origin, $"{subject}: {sourceKey}: {problem}");
        }

        var trace = LlmTrace.Load(source, baseDirectory);
        if (kind == ArrivalKind.Poisson)
        {
            return new StreamSpec(name, index, kind, obj.Origin, source, trace, priority, diurnal)
            {
                RatePerS = Positive(obj, config, "rate-per-s", subject, required: true),
            };
        }

        if (trace.SpanTicks == 0)
        {
            throw new HoconException(obj["trace"].Origin, $"{subject}: expected a trace spanning more than 0 s to replay, found {trace.Name} with all {trace.Count} requests at one instant");
        }

        var startOffset = config.GetTimeSpan("start-offset", TimeSpan.Zero);
        if (startOffset < TimeSpan.Zero || startOffset.Ticks > trace.SpanTicks)
        {
            throw new HoconException(obj["start-offset"].Origin, $"{subject}: expected start-offset within [0s, {trace.SpanS.ToString("0.###", CultureInfo.InvariantCulture)}s] (the trace span), found {startOffset}");
        }

        return new StreamSpec(name, index, kind, obj.Origin, source, trace, priority, diurnal)
        {
            RateMultiplier = Positive(obj, config, "rate-multiplier", subject, required: false),
            TimeCompression = Positive(obj, config, "time-compression", subject, required: false),
            Loop = config.GetBoolean("loop", false),
            StartOffset = startOffset,
        };
    }

    private static PriorityPolicy ParsePriority(HoconObject obj, string subject)
    {
        if (!obj.TryGetValue("priority", out var value) || value.IsNull)
        {
            throw new HoconException(obj.Origin, $"{subject}: expected priority = high, low or {{ low-share = P }}, found no priority");
        }

        if (value is HoconObject share)
        {
            CheckKeys(share, LowShareKeys, $"{subject} priority");
            var p = Number(share, new Config(share), "low-share", $"{subject} priority", required: true);
            if (!(p is >= 0 and <= 1))
            {
                throw new HoconException(share["low-share"].Origin, $"{subject}: expected priority.low-share in [0, 1], found {Show(p)}");
            }

            return PriorityPolicy.WithLowShare(p);
        }

        return value is HoconLiteral { Type: HoconValueType.String } literal
            ? literal.Text switch
            {
                "high" => PriorityPolicy.Fixed(RequestPriority.High),
                "low" => PriorityPolicy.Fixed(RequestPriority.Low),
                _ => throw new HoconException(value.Origin, $"{subject}: expected priority = high, low or {{ low-share = P }}, found \"{literal.Text}\""),
            }
            : throw new HoconException(value.Origin, $"{subject}: expected priority = high, low or {{ low-share = P }}, found {Describe(value)}");
    }

    private static DiurnalEnvelope ParseDiurnal(HoconValue value, string subject)
    {
        if (value is not HoconObject obj)
        {
            throw new HoconException(value.Origin, $"{subject}: expected diurnal = {{ amplitude, period, peak-at }}, found {Describe(value)}");
        }

        var what = $"{subject} diurnal";
        CheckKeys(obj, DiurnalKeys, what);
        var config = new Config(obj);
        var amplitude = Number(obj, config, "amplitude", what, required: true);
        if (!(amplitude is >= 0 and <= 1))
        {
            throw new HoconException(obj["amplitude"].Origin, $"{subject}: expected diurnal.amplitude in [0, 1], found {Show(amplitude)}");
        }

        Require(obj, "period", what, "a duration such as 24h");
        var period = config.GetTimeSpan("period");
        if (period <= TimeSpan.Zero)
        {
            throw new HoconException(obj["period"].Origin, $"{subject}: expected diurnal.period > 0, found {period}");
        }

        Require(obj, "peak-at", what, "a duration since the run's start such as 14h");
        return new DiurnalEnvelope(amplitude, period, config.GetTimeSpan("peak-at"));
    }

    private static void CheckKeys(HoconObject obj, string[] allowed, string subject)
    {
        foreach (var (key, value) in obj.Items)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                throw new HoconException(value.Origin, $"{subject}: unknown key \"{key}\"; expected one of {string.Join(", ", allowed)}");
            }
        }
    }

    private static void Require(HoconObject obj, string key, string subject, string expected)
    {
        if (!obj.TryGetValue(key, out var value) || value.IsNull)
        {
            throw new HoconException(obj.Origin, $"{subject}: expected {key} ({expected}), found none");
        }
    }

    private static string RequireString(HoconObject obj, Config config, string key, string subject, string expected)
    {
        Require(obj, key, subject, expected);
        return config.GetString(key);
    }

    private static double Number(HoconObject obj, Config config, string key, string subject, bool required)
    {
        if (required)
        {
            Require(obj, key, subject, "a number");
        }

        var value = config.GetDouble(key, 1);
        if (!double.IsFinite(value))
        {
            throw new HoconException(obj[key].Origin, $"{subject}: expected {key} as a finite number, found {Show(value)}");
        }

        return value;
    }

    private static double Positive(HoconObject obj, Config config, string key, string subject, bool required)
    {
        var value = Number(obj, config, key, subject, required);
        if (value <= 0)
        {
            throw new HoconException(obj[key].Origin, $"{subject}: expected {key} > 0, found {Show(value)}");
        }

        return value;
    }

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconArray => "a list",
        HoconLiteral { IsNull: true } => "null",
        HoconLiteral literal => $"\"{literal.Text}\"",
        _ => value.Type.ToString(),
    };
}
