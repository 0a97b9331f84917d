using Polca.Hocon.Paths;

namespace Polca.Hocon.Model;

/// <summary>An unresolved <c>${path}</c> or <c>${?path}</c>.</summary>
internal sealed class HoconSubstitution : HoconValue
{
    public HoconSubstitution(HoconPath path, bool isOptional, HoconOrigin origin, HoconPath? pathAsWritten = null)
        : base(origin)
    {
        Path = path;
        IsOptional = isOptional;
        PathAsWritten = pathAsWritten ?? path;
    }

    public override HoconValueType Type => HoconValueType.Unresolved;

    /// <summary>The path looked up first (prefixed with the include point for substitutions of included files).</summary>
    public HoconPath Path { get; }

    /// <summary>The path exactly as written in its file; looked up when <see cref="Path"/> finds nothing.</summary>
    public HoconPath PathAsWritten { get; }

    public bool IsOptional { get; }

    public HoconSubstitution WithPrefix(HoconPath prefix) =>
        new(prefix.Concat(Path), IsOptional, Origin, PathAsWritten);

    public string Describe() => IsOptional ? $"${{?{Path}}}" : $"${{{Path}}}";
}
