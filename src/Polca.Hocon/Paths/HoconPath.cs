using System.Text;
using Polca.Hocon.Parsing;

namespace Polca.Hocon.Paths;

/// <summary>A path through the object tree, such as a.b."c.d"; the root path has no segments.</summary>
internal sealed class HoconPath : IEquatable<HoconPath>
{
    public static readonly HoconPath Root = new([]);

    private readonly string[] _segments;
    private string? _key;

    public HoconPath(IEnumerable<string> segments)
    {
        _segments = [.. segments];
    }

    public IReadOnlyList<string> Segments => _segments;

    public int Length => _segments.Length;

    public bool IsRoot => _segments.Length == 0;

    public string Last => _segments[^1];

    public HoconPath Parent => new(_segments[..^1]);

    /// <summary>A string that identifies the path uniquely (segments joined by NUL).</summary>
    public string Key => _key ??= string.Join('\0', _segments);

    public HoconPath Append(string segment) => new([.. _segments, segment]);

    public HoconPath Concat(HoconPath other) => new([.. _segments, .. other._segments]);

    public HoconPath Skip(int count) => new(_segments[count..]);

    /// <summary>True when this path is an ancestor of <paramref name="other"/> (and not equal to it).</summary>
    public bool IsStrictPrefixOf(HoconPath other)
    {
        if (_segments.Length >= other._segments.Length)
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            if (!string.Equals(_segments[i], other._segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a path expression such as <c>a.b."c.d"</c>; <paramref name="label"/> names the source in errors.</summary>
    public static HoconPath Parse(string expression, string label = "<path>")
    {
        ArgumentNullException.ThrowIfNull(expression);
        var tokens = new HoconTokenizer(expression, label).Tokenize();
        var pathTokens = tokens.Where(t => t.Type != HoconTokenType.EndOfInput).ToList();
        var origin = new HoconOrigin(label, 1, 1);
        return PathExpressionBuilder.Build(pathTokens, origin, "path");
    }

    /// <summary>Renders the path as a path expression, quoting segments that need it.</summary>
    public override string ToString()
    {
        if (IsRoot)
        {
            return "";
        }

        var builder = new StringBuilder();
        for (var i = 0; i < _segments.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            builder.Append(FormatSegment(_segments[i]));
        }

        return builder.ToString();
    }

    /// <summary>The segments joined by dots without any quoting (the name looked up in the environment).</summary>
    public string ToPlainString() => string.Join('.', _segments);

    private static string FormatSegment(string segment)
    {
        var plain = segment.Length > 0 && segment.All(c => char.IsLetterOrDigit(c) || c is '-' || c is '_')
            && !char.IsDigit(segment[0]) && segment[0] != '-';
        return plain ? segment : Rendering.HoconStringQuoter.Quote(segment);
    }

    public bool Equals(HoconPath? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => Equals(obj as HoconPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}
