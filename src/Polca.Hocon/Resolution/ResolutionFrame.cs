using Polca.Hocon.Paths;

namespace Polca.Hocon.Resolution;

/// <summary>
/// One definition of a field being reduced: <see cref="Items"/>[<see cref="Index"/>] is the definition,
/// the items after it are the earlier definitions a self-reference looks back to.
/// </summary>
internal sealed class ResolutionFrame
{
    public ResolutionFrame(HoconPath path, IReadOnlyList<HoconValue> items, int index, bool mayReferToItself)
    {
        Path = path;
        Items = items;
        Index = index;
        MayReferToItself = mayReferToItself;
    }

    public HoconPath Path { get; }

    public IReadOnlyList<HoconValue> Items { get; }

    public int Index { get; }

    /// <summary>True when the definition is a substitution or concatenation, the only values the spec lets look back.</summary>
    public bool MayReferToItself { get; }
}
