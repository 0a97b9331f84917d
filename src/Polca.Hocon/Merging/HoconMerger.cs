using Polca.Hocon.Model;

namespace Polca.Hocon.Merging;

/// <summary>
/// Merges two definitions of the same field as the spec says: objects merge deeply (the later one wins key by key),
/// any other later value replaces the earlier one, and when either side is unresolved the decision waits in a
/// <see cref="HoconMergeStack"/> until substitutions are resolved. Inputs are never modified.
/// </summary>
internal static class HoconMerger
{
    /// <summary>Merges <paramref name="over"/> (the later, winning definition) onto <paramref name="under"/>.</summary>
    public static HoconValue Merge(HoconValue over, HoconValue under)
    {
        if (over is HoconObject overObject && under is HoconObject underObject)
        {
            return MergeObjects(overObject, underObject);
        }

        if (over is HoconObject { IgnoresFallbacks: true })
        {
            return over;
        }

        if (IsUnresolved(over) || (over is HoconObject && IsUnresolved(under)))
        {
            return new HoconMergeStack([.. StackItems(over), .. StackItems(under)]);
        }

        return over is HoconObject overObjectOnValue ? overObjectOnValue.WithFallbacksIgnored() : over;
    }

    /// <summary>Deep-merges two objects; keys keep the order in which they were first defined.</summary>
    public static HoconObject MergeObjects(HoconObject over, HoconObject under)
    {
        if (over.IgnoresFallbacks)
        {
            return over;
        }

        var merged = new HoconObject(under.Count == 0 ? over.Origin : under.Origin) { IgnoresFallbacks = under.IgnoresFallbacks };
        foreach (var (key, value) in under.Items)
        {
            merged.Set(key, over.TryGetValue(key, out var overValue) ? Merge(overValue, value) : value);
        }

        foreach (var (key, value) in over.Items)
        {
            if (!under.ContainsKey(key))
            {
                merged.Set(key, value);
            }
        }

        return merged;
    }

    /// <summary>True for substitutions, concatenations holding substitutions, and pending merges.</summary>
    public static bool IsUnresolved(HoconValue value) =>
        value is HoconSubstitution or HoconConcatenation or HoconMergeStack;

    private static IEnumerable<HoconValue> StackItems(HoconValue value) =>
        value is HoconMergeStack stack ? stack.Items : [value];
}
