using System.Text;
using Polca.Hocon.Paths;

namespace Polca.Hocon.Parsing;

/// <summary>
/// Turns the tokens of a key or substitution into a path: dots outside quotes separate elements,
/// whitespace between tokens is kept, and leading/trailing whitespace is dropped.
/// </summary>
internal static class PathExpressionBuilder
{
    public static HoconPath Build(IReadOnlyList<HoconToken> tokens, HoconOrigin origin, string what)
    {
        var first = 0;
        var last = tokens.Count - 1;
        while (first <= last && tokens[first].Type == HoconTokenType.Whitespace)
        {
            first++;
        }

        while (last >= first && tokens[last].Type == HoconTokenType.Whitespace)
        {
            last--;
        }

        if (first > last)
        {
            throw new HoconException(origin, $"expected a {what} but found an empty path expression");
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        var currentQuoted = false;
        var segmentOrigin = tokens[first].Origin;

        void Finish(HoconOrigin at)
        {
            if (current.Length == 0 && !currentQuoted)
            {
                throw new HoconException(at, $"invalid {what}: a path element is empty (use \"\" to write an empty key, and no leading, trailing or doubled '.')");
            }

            segments.Add(current.ToString());
            current.Clear();
            currentQuoted = false;
        }

        for (var i = first; i <= last; i++)
        {
            var token = tokens[i];
            switch (token.Type)
            {
                case HoconTokenType.QuotedString:
                    current.Append(token.Text);
                    currentQuoted = true;
                    break;
                case HoconTokenType.Whitespace:
                    current.Append(token.Text);
                    break;
                case HoconTokenType.UnquotedText:
                case HoconTokenType.Number:
                case HoconTokenType.Boolean:
                case HoconTokenType.Null:
                    var parts = token.Text.Split('.');
                    current.Append(parts[0]);
                    for (var p = 1; p < parts.Length; p++)
                    {
                        Finish(token.Origin);
                        current.Append(parts[p]);
                    }

                    break;
                default:
                    throw new HoconException(token.Origin, $"{token.Describe()} is not allowed in a {what}");
            }

            segmentOrigin = token.Origin;
        }

        Finish(segmentOrigin);
        return new HoconPath(segments);
    }
}
