using Polca.Hocon;

namespace Polca.Datacenter.Faults;

/// <summary>A fault on the scenario's timeline: what (<c>feed-loss</c>: the utility feed is lost), when, and for how long.</summary>
public sealed record FaultSpec(string Kind, TimeSpan At, TimeSpan Duration)
{
    /// <summary>The kinds of fault a scenario may name.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["feed-loss"];

    /// <summary>Reads <c>polca.scenario.faults</c> (a list of { kind, at, duration }); absent means none.</summary>
    public static IReadOnlyList<FaultSpec> ReadList(Config scenario)
    {
        if (!scenario.HasPath("faults")) return [];
        var value = scenario.GetValue("faults");
        if (value is not HoconArray array)
            throw new HoconException(value.Origin, "setting 'faults' must be a list of { kind, at, duration } objects");
        var faults = new List<FaultSpec>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not HoconObject obj) throw new HoconException(array[i].Origin, $"faults[{i}] must be an object {{ kind, at, duration }}");
            var fault = new Config(obj);
            Settings.RequireOnly(fault, $"faults[{i}]", "kind", "at", "duration");
            faults.Add(new FaultSpec(Settings.OneOf(fault, "kind", [.. Kinds]), Settings.NonNegativeDuration(fault, "at"), Settings.PositiveDuration(fault, "duration")));
        }

        return faults;
    }
}
