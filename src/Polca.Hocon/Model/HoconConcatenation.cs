namespace Polca.Hocon.Model;

/// <summary>A value concatenation that contains at least one substitution, kept until resolution.</summary>
internal sealed class HoconConcatenation : HoconValue
{
    public HoconConcatenation(IReadOnlyList<HoconValue> pieces, HoconOrigin origin)
        : base(origin)
    {
        Pieces = pieces;
    }

    public override HoconValueType Type => HoconValueType.Unresolved;

    /// <summary>The pieces in order, including whitespace literals written between them.</summary>
    public IReadOnlyList<HoconValue> Pieces { get; }
}
