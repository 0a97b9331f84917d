namespace Polca.Hocon.Includes;

/// <summary>One parsed <c>include</c> statement.</summary>
internal sealed class HoconIncludeDirective
{
    public HoconIncludeDirective(HoconIncludeKind kind, string name, bool isRequired, HoconOrigin origin)
    {
        Kind = kind;
        Name = name;
        IsRequired = isRequired;
        Origin = origin;
    }

    public HoconIncludeKind Kind { get; }

    public string Name { get; }

    public bool IsRequired { get; }

    public HoconOrigin Origin { get; }
}
