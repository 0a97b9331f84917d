namespace Polca.Hocon.Parsing;

/// <summary>What the parser needs to know about the text it reads: its label and where its includes are looked up.</summary>
internal sealed class HoconParseContext
{
    /// <summary>The file name or label used in origins and error messages.</summary>
    public required string Label { get; init; }

    /// <summary>The directory that relative file includes are resolved against; null means the current directory.</summary>
    public string? Directory { get; init; }

    /// <summary>The same directory as it should be written in labels of included files (relative when the user gave a relative path).</summary>
    public string? LabelDirectory { get; init; }

    /// <summary>True when the text came from an embedded resource, so plain includes look for resources.</summary>
    public bool IsResource { get; init; }

    /// <summary>Identities of the files and resources being included, outermost first, to detect include cycles.</summary>
    public IReadOnlyList<string> IncludeChain { get; init; } = [];

    public static HoconParseContext ForString(string label = "<string>") => new() { Label = label };
}
