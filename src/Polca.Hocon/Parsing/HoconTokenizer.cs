using System.Globalization;
using System.Text;

namespace Polca.Hocon.Parsing;

/// <summary>Splits HOCON text into tokens, tracking 1-based line and column; comments are dropped.</summary>
internal sealed class HoconTokenizer
{
    private const string NotInUnquotedText = "$\"{}[]:=,+#`^?!@*&\\";
    private const string ReservedCharacters = "`^?!@*&\\";
    private const string NumberCharacters = "0123456789eE+-.";

    private readonly string _text;
    private readonly string _label;
    private int _position;
    private int _line = 1;
    private int _column = 1;

    public HoconTokenizer(string text, string label)
    {
        _text = text;
        _label = label;
    }

    public static bool IsWhitespace(char c) =>
        char.IsWhiteSpace(c) || c == '\uFEFF' || (c >= '\u001C' && c <= '\u001F');

    public List<HoconToken> Tokenize()
    {
        var tokens = new List<HoconToken>();
        while (true)
        {
            var token = NextToken();
            tokens.Add(token);
            if (token.Type == HoconTokenType.EndOfInput)
            {
                return tokens;
            }
        }
    }

    private HoconOrigin Here() => new(_label, _line, _column);

    private char Peek(int offset = 0) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private bool AtEnd => _position >= _text.Length;

    private void Advance(int count = 1)
    {
        for (var i = 0; i < count && _position < _text.Length; i++)
        {
            if (_text[_position] == '\n')
            {
                _line++;
                _column = 1;
            }
            else
            {
                _column++;
            }

            _position++;
        }
    }

    private HoconException Error(HoconOrigin origin, string reason) => new(origin, reason);

    private HoconToken NextToken()
    {
        while (true)
        {
            var origin = Here();
            if (AtEnd)
            {
                return new HoconToken(HoconTokenType.EndOfInput, "", origin);
            }

            var c = Peek();
            if (c == '\n')
            {
                Advance();
                return new HoconToken(HoconTokenType.Newline, "\n", origin);
            }

            if (IsWhitespace(c))
            {
                var start = _position;
                while (!AtEnd && Peek() != '\n' && IsWhitespace(Peek()))
                {
                    Advance();
                }

                return new HoconToken(HoconTokenType.Whitespace, _text[start.._position], origin);
            }

            if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (!AtEnd && Peek() != '\n')
                {
                    Advance();
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    Advance();
                    return new HoconToken(HoconTokenType.Comma, ",", origin);
                case ':':
                    Advance();
                    return new HoconToken(HoconTokenType.Colon, ":", origin);
                case '=':
                    Advance();
                    return new HoconToken(HoconTokenType.Equals, "=", origin);
                case '{':
                    Advance();
                    return new HoconToken(HoconTokenType.OpenBrace, "{", origin);
                case '}':
                    Advance();
                    return new HoconToken(HoconTokenType.CloseBrace, "}", origin);
                case '[':
                    Advance();
                    return new HoconToken(HoconTokenType.OpenBracket, "[", origin);
                case ']':
                    Advance();
                    return new HoconToken(HoconTokenType.CloseBracket, "]", origin);
                case '+':
                    if (Peek(1) == '=')
                    {
                        Advance(2);
                        return new HoconToken(HoconTokenType.PlusEquals, "+=", origin);
                    }

                    throw Error(origin, "reserved character '+' is not allowed outside quotes (only as part of '+=')");
                case '"':
                    return Peek(1) == '"' && Peek(2) == '"' ? ReadTripleQuotedString(origin) : ReadQuotedString(origin);
                case '$':
                    if (Peek(1) == '{')
                    {
                        return ReadSubstitution(origin);
                    }

                    throw Error(origin, "'$' is only allowed as the start of a substitution ${...}; quote it to use it in a string");
            }

            if (char.IsAsciiDigit(c) || c == '-')
            {
                return ReadNumberOrText(origin);
            }

            if (ReservedCharacters.Contains(c))
            {
                throw Error(origin, $"reserved character '{c}' is not allowed outside quotes");
            }

            return ReadKeywordOrUnquotedText(origin);
        }
    }

    private HoconToken ReadKeywordOrUnquotedText(HoconOrigin origin)
    {
        foreach (var keyword in (ReadOnlySpan<string>)["true", "false", "null"])
        {
            if (string.CompareOrdinal(_text, _position, keyword, 0, keyword.Length) == 0)
            {
                Advance(keyword.Length);
                var type = keyword == "null" ? HoconTokenType.Null : HoconTokenType.Boolean;
                return new HoconToken(type, keyword, origin);
            }
        }

        var start = _position;
        while (!AtEnd)
        {
            var c = Peek();
            if (IsWhitespace(c) || NotInUnquotedText.Contains(c) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            Advance();
        }

        return new HoconToken(HoconTokenType.UnquotedText, _text[start.._position], origin);
    }

    private HoconToken ReadNumberOrText(HoconOrigin origin)
    {
        var start = _position;
        while (!AtEnd && NumberCharacters.Contains(Peek()))
        {
            Advance();
        }

        var text = _text[start.._position];
        var number = NumberLiteralParser.TryParse(text, origin);
        if (number is not null)
        {
            return new HoconToken(HoconTokenType.Number, text, origin) { NumberValue = number };
        }

        if (text.Contains('+'))
        {
            throw Error(origin, $"'{text}' is not a valid number, and the reserved character '+' is not allowed outside quotes");
        }

        return new HoconToken(HoconTokenType.UnquotedText, text, origin);
    }

    private HoconToken ReadQuotedString(HoconOrigin origin)
    {
        Advance();
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(origin, "unterminated quoted string: expected a closing '\"' but found end of input");
            }

            var c = Peek();
            if (c == '"')
            {
                Advance();
                return new HoconToken(HoconTokenType.QuotedString, builder.ToString(), origin);
            }

            if (c == '\n')
            {
                throw Error(origin, "unterminated quoted string: expected a closing '\"' before the end of the line (use \"\"\" for multi-line strings)");
            }

            if (c == '\\')
            {
                ReadEscape(builder);
                continue;
            }

            if (c < ' ')
            {
                throw Error(Here(), $"control character U+{(int)c:X4} must be escaped in a quoted string");
            }

            builder.Append(c);
            Advance();
        }
    }

    private void ReadEscape(StringBuilder builder)
    {
        var origin = Here();
        Advance();
        if (AtEnd)
        {
            throw Error(origin, "unterminated escape sequence at end of input");
        }

        var c = Peek();
        Advance();
        switch (c)
        {
            case '"': builder.Append('"'); break;
            case '\\': builder.Append('\\'); break;
            case '/': builder.Append('/'); break;
            case 'b': builder.Append('\b'); break;
            case 'f': builder.Append('\f'); break;
            case 'n': builder.Append('\n'); break;
            case 'r': builder.Append('\r'); break;
            case 't': builder.Append('\t'); break;
            case 'u':
                if (_position + 4 > _text.Length
                    || !int.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw Error(origin, "invalid unicode escape: expected four hexadecimal digits after '\\u'");
                }

                builder.Append((char)code);
                Advance(4);
                break;
            default:
                throw Error(origin, $"invalid escape sequence '\\{c}' in quoted string (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
    }

    private HoconToken ReadTripleQuotedString(HoconOrigin origin)
    {
        Advance(3);
        var start = _position;
        while (true)
        {
            if (AtEnd)
            {
                throw Error(origin, "unterminated triple-quoted string: expected a closing \"\"\" but found end of input");
            }

            if (Peek() == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                var quotes = 0;
                while (Peek(quotes) == '"')
                {
                    quotes++;
                }

                var end = _position + quotes - 3;
                var content = _text[start..end];
                Advance(quotes);
                return new HoconToken(HoconTokenType.QuotedString, content, origin);
            }

            Advance();
        }
    }

    private HoconToken ReadSubstitution(HoconOrigin origin)
    {
        var start = _position;
        Advance(2);
        var optional = false;
        if (Peek() == '?')
        {
            optional = true;
            Advance();
        }

        var pathTokens = new List<HoconToken>();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(origin, "unterminated substitution: expected '}' but found end of input");
            }

            if (Peek() == '}')
            {
                Advance();
                break;
            }

            var token = NextToken();
            switch (token.Type)
            {
                case HoconTokenType.QuotedString:
                case HoconTokenType.UnquotedText:
                case HoconTokenType.Number:
                case HoconTokenType.Boolean:
                case HoconTokenType.Null:
                case HoconTokenType.Whitespace:
                    pathTokens.Add(token);
                    break;
                case HoconTokenType.Newline:
                case HoconTokenType.EndOfInput:
                    throw Error(token.Origin, $"unterminated substitution: expected '}}' but found {token.Describe()}");
                case HoconTokenType.Substitution:
                    throw Error(token.Origin, "substitutions cannot be nested inside other substitutions");
                default:
                    throw Error(token.Origin, $"expected a path expression in substitution but found {token.Describe()}");
            }
        }

        var written = _text[(start + 2 + (optional ? 1 : 0))..(_position - 1)];
        return new HoconToken(HoconTokenType.Substitution, written, origin) { PathTokens = pathTokens, IsOptional = optional };
    }
}
