namespace Polca.Hocon.Model;

/// <summary>
/// Several definitions of one field whose merge must wait for resolution because at least one of them
/// is unresolved. <see cref="Items"/> runs from the latest (winning) definition to the earliest.
/// </summary>
internal sealed class HoconMergeStack : HoconValue
{
    public HoconMergeStack(IReadOnlyList<HoconValue> items)
        : base(items[0].Origin)
    {
        Items = items;
    }

    public override HoconValueType Type => HoconValueType.Unresolved;

    public IReadOnlyList<HoconValue> Items { get; }
}
