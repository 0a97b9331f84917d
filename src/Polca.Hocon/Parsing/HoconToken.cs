namespace Polca.Hocon.Parsing;

/// <summary>One token with its position; <see cref="Text"/> is the decoded string or the text as written.</summary>
internal sealed class HoconToken
{
    public HoconToken(HoconTokenType type, string text, HoconOrigin origin)
    {
        Type = type;
        Text = text;
        Origin = origin;
    }

    public HoconTokenType Type { get; }

    /// <summary>For quoted strings the decoded value; for everything else the characters as written.</summary>
    public string Text { get; }

    public HoconOrigin Origin { get; }

    /// <summary>For numbers: the literal value built from the text.</summary>
    public HoconLiteral? NumberValue { get; init; }

    /// <summary>For substitutions: the tokens of the path expression between the braces.</summary>
    public IReadOnlyList<HoconToken> PathTokens { get; init; } = [];

    /// <summary>For substitutions: true for <c>${?path}</c>.</summary>
    public bool IsOptional { get; init; }

    /// <summary>Describes the token for error messages, e.g. <c>'}'</c> or <c>end of input</c>.</summary>
    public string Describe() => Type switch
    {
        HoconTokenType.EndOfInput => "end of input",
        HoconTokenType.Newline => "a newline",
        HoconTokenType.Whitespace => "whitespace",
        HoconTokenType.QuotedString => $"quoted string \"{Shorten(Text)}\"",
        HoconTokenType.Substitution => $"substitution ${{{Shorten(Text)}}}",
        _ => $"'{Shorten(Text)}'",
    };

    private static string Shorten(string text) => text.Length > 40 ? text[..37] + "..." : text;
}
