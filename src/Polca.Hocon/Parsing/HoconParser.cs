using Polca.Hocon.Includes;
using Polca.Hocon.Merging;
using Polca.Hocon.Model;
using Polca.Hocon.Paths;

namespace Polca.Hocon.Parsing;

/// <summary>
/// Builds the unresolved tree of one HOCON document: fields are merged as they are read, includes are
/// loaded in place, and substitutions are kept for <see cref="Resolution.HoconResolver"/>.
/// </summary>
internal sealed class HoconParser
{
    private readonly List<HoconToken> _tokens;
    private readonly HoconParseContext _context;
    private int _index;

    private HoconParser(List<HoconToken> tokens, HoconParseContext context)
    {
        _tokens = tokens;
        _context = context;
    }

    /// <summary>Parses <paramref name="text"/> into an unresolved root object.</summary>
    public static HoconObject Parse(string text, HoconParseContext context)
    {
        var tokens = new HoconTokenizer(text, context.Label).Tokenize();
        return new HoconParser(tokens, context).ParseDocument();
    }

    private HoconToken Peek(int offset = 0) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    private HoconToken Next()
    {
        var token = Peek();
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    private void SkipWhitespace()
    {
        while (Peek().Type == HoconTokenType.Whitespace)
        {
            Next();
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek().Type is HoconTokenType.Whitespace or HoconTokenType.Newline)
        {
            Next();
        }
    }

    private static HoconException Error(HoconToken at, string reason) => new(at.Origin, reason);

    private HoconObject ParseDocument()
    {
        SkipWhitespaceAndNewlines();
        var first = Peek();
        if (first.Type == HoconTokenType.OpenBracket)
        {
            throw Error(first, "the root of a HOCON document must be an object, but found an array");
        }

        if (first.Type != HoconTokenType.OpenBrace)
        {
            return ParseObjectBody(HoconPath.Root, null, new HoconOrigin(_context.Label, 1, 1));
        }

        var root = ParseBracedObject(HoconPath.Root);
        SkipWhitespaceAndNewlines();
        var rest = Peek();
        if (rest.Type != HoconTokenType.EndOfInput)
        {
            throw Error(rest, $"expected end of input after the root object's closing '}}' but found {rest.Describe()}");
        }

        return root;
    }

    private HoconObject ParseBracedObject(HoconPath? path)
    {
        var open = Next();
        var result = ParseObjectBody(path, open, open.Origin);
        Next();
        return result;
    }

    /// <summary>Reads fields until the closing brace (left unread) or, for a root without braces, end of input.</summary>
    private HoconObject ParseObjectBody(HoconPath? path, HoconToken? open, HoconOrigin origin)
    {
        var target = new HoconObject(origin);
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek();
            if (open is not null && token.Type == HoconTokenType.CloseBrace)
            {
                return target;
            }

            if (token.Type == HoconTokenType.EndOfInput)
            {
                if (open is null)
                {
                    return target;
                }

                throw Error(token, $"expected '}}' to close the object opened at line {open.Origin.Line}, column {open.Origin.Column} but found end of input");
            }

            if (token.Type == HoconTokenType.CloseBrace)
            {
                throw Error(token, "unexpected '}' without a matching '{'");
            }

            if (token.Type == HoconTokenType.Comma)
            {
                throw Error(token, "expected a key but found ',' (a comma must follow a field, and at most one may trail)");
            }

            string fieldDescription;
            if (token.Type == HoconTokenType.UnquotedText && token.Text == "include")
            {
                ParseInclude(target, path);
                fieldDescription = "include";
            }
            else
            {
                fieldDescription = ParseField(target, path);
            }

            SkipWhitespace();
            var after = Peek();
            switch (after.Type)
            {
                case HoconTokenType.Comma:
                    Next();
                    break;
                case HoconTokenType.Newline:
                    break;
                case HoconTokenType.CloseBrace when open is not null:
                    break;
                case HoconTokenType.EndOfInput:
                    break;
                default:
                    throw Error(after, $"expected ',' or a newline after {fieldDescription} but found {after.Describe()}");
            }
        }
    }

    /// <summary>Parses one field and merges it into <paramref name="target"/>; returns a description for errors.</summary>
    private string ParseField(HoconObject target, HoconPath? objectPath)
    {
        var keyStart = Peek();
        var keyTokens = new List<HoconToken>();
        while (Peek().Type is HoconTokenType.UnquotedText or HoconTokenType.QuotedString or HoconTokenType.Number
               or HoconTokenType.Boolean or HoconTokenType.Null or HoconTokenType.Whitespace)
        {
            keyTokens.Add(Next());
        }

        if (keyTokens.Count == 0)
        {
            if (keyStart.Type == HoconTokenType.Substitution)
            {
                throw Error(keyStart, "substitutions are not allowed in keys");
            }

            throw Error(keyStart, $"expected a key but found {keyStart.Describe()}");
        }

        var key = PathExpressionBuilder.Build(keyTokens, keyStart.Origin, "key");
        var separator = Peek();
        HoconValue? value;
        var fieldPath = (objectPath ?? HoconPath.Root).Concat(key);
        switch (separator.Type)
        {
            case HoconTokenType.Colon:
            case HoconTokenType.Equals:
            case HoconTokenType.PlusEquals:
                Next();
                SkipWhitespaceAndNewlines();
                var valueStart = Peek();
                value = ParseValue(objectPath is null ? null : fieldPath)
                    ?? throw Error(valueStart, $"expected a value after '{separator.Text}' for key \"{key}\" but found {valueStart.Describe()}");
                if (separator.Type == HoconTokenType.PlusEquals)
                {
                    var previous = new HoconSubstitution(fieldPath, isOptional: true, keyStart.Origin);
                    value = new HoconConcatenation([previous, new HoconArray([value], value.Origin)], keyStart.Origin);
                }

                break;
            case HoconTokenType.OpenBrace:
                value = ParseValue(objectPath is null ? null : fieldPath)!;
                break;
            case HoconTokenType.Substitution:
                throw Error(separator, $"substitutions are not allowed in keys (after key \"{key}\")");
            default:
                throw Error(separator, $"expected '=' or ':' after key \"{key}\" but found {separator.Describe()}");
        }

        AddField(target, key, value, keyStart.Origin);
        return $"the value of key \"{key}\"";
    }

    private static void AddField(HoconObject target, HoconPath key, HoconValue value, HoconOrigin keyOrigin)
    {
        var nested = value;
        for (var i = key.Length - 1; i >= 1; i--)
        {
            var wrapper = new HoconObject(keyOrigin);
            wrapper.Set(key.Segments[i], nested);
            nested = wrapper;
        }

        var first = key.Segments[0];
        target.Set(first, target.TryGetValue(first, out var existing) ? HoconMerger.Merge(nested, existing) : nested);
    }

    /// <summary>Reads a value (possibly a concatenation) up to a newline, ',', '}', ']' or end of input; null when there is none.</summary>
    private HoconValue? ParseValue(HoconPath? path)
    {
        var pieces = new List<HoconValue>();
        while (true)
        {
            var token = Peek();
            switch (token.Type)
            {
                case HoconTokenType.Whitespace:
                    pieces.Add(HoconLiteral.Whitespace(token.Text, token.Origin));
                    Next();
                    continue;
                case HoconTokenType.QuotedString:
                case HoconTokenType.UnquotedText:
                    pieces.Add(HoconLiteral.FromString(token.Text, token.Origin));
                    Next();
                    continue;
                case HoconTokenType.Number:
                    pieces.Add(token.NumberValue!);
                    Next();
                    continue;
                case HoconTokenType.Boolean:
                    pieces.Add(HoconLiteral.FromBoolean(token.Text == "true", token.Origin));
                    Next();
                    continue;
                case HoconTokenType.Null:
                    pieces.Add(HoconLiteral.Null(token.Origin));
                    Next();
                    continue;
                case HoconTokenType.Substitution:
                    var substitutionPath = PathExpressionBuilder.Build(token.PathTokens, token.Origin, "substitution path");
                    pieces.Add(new HoconSubstitution(substitutionPath, token.IsOptional, token.Origin));
                    Next();
                    continue;
                case HoconTokenType.OpenBrace:
                    pieces.Add(ParseBracedObject(path));
                    continue;
                case HoconTokenType.OpenBracket:
                    pieces.Add(ParseArray());
                    continue;
            }

            break;
        }

        while (pieces.Count > 0 && pieces[^1] is HoconLiteral { IsWhitespace: true })
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        var leading = 0;
        while (leading < pieces.Count && pieces[leading] is HoconLiteral { IsWhitespace: true })
        {
            leading++;
        }

        pieces.RemoveRange(0, leading);
        return pieces.Count switch
        {
            0 => null,
            1 => pieces[0],
            _ => Concatenate(pieces),
        };
    }

    private HoconArray ParseArray()
    {
        var open = Next();
        var items = new List<HoconValue>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek();
            switch (token.Type)
            {
                case HoconTokenType.CloseBracket:
                    Next();
                    return new HoconArray(items, open.Origin);
                case HoconTokenType.Comma:
                    throw Error(token, "expected an array element or ']' but found ',' (a comma must follow an element, and at most one may trail)");
                case HoconTokenType.EndOfInput:
                    throw Error(token, $"expected ']' to close the array opened at line {open.Origin.Line}, column {open.Origin.Column} but found end of input");
            }

            var element = ParseValue(null) ?? throw Error(token, $"expected an array element or ']' but found {token.Describe()}");
            items.Add(element);
            SkipWhitespace();
            var after = Peek();
            switch (after.Type)
            {
                case HoconTokenType.Comma:
                    Next();
                    break;
                case HoconTokenType.Newline:
                case HoconTokenType.CloseBracket:
                    break;
                case HoconTokenType.EndOfInput:
                    throw Error(after, $"expected ']' to close the array opened at line {open.Origin.Line}, column {open.Origin.Column} but found end of input");
                default:
                    throw Error(after, $"expected ',' or ']' after an array element but found {after.Describe()}");
            }
        }
    }

    /// <summary>Joins the pieces of a value concatenation now when no substitution is involved; otherwise keeps them.</summary>
    private static HoconValue Concatenate(List<HoconValue> pieces)
    {
        HoconValueType? kind = null;
        var hasSubstitution = false;
        foreach (var piece in pieces)
        {
            if (piece is HoconSubstitution)
            {
                hasSubstitution = true;
                continue;
            }

            if (piece is HoconLiteral { IsWhitespace: true })
            {
                continue;
            }

            var pieceKind = ConcatenationKind(piece);
            kind ??= pieceKind;
            if (pieceKind != kind)
            {
                throw new HoconException(piece.Origin, $"cannot concatenate {KindName(pieceKind)} with {KindName(kind.Value)}: the values joined on one line must be all strings, all arrays or all objects");
            }
        }

        if (hasSubstitution)
        {
            return new HoconConcatenation(pieces, pieces[0].Origin);
        }

        return kind switch
        {
            HoconValueType.Array => new HoconArray(pieces.OfType<HoconArray>().SelectMany(a => a.Items), pieces[0].Origin),
            HoconValueType.Object => pieces.OfType<HoconObject>().Aggregate((under, over) => HoconMerger.MergeObjects(over, under)),
            _ => HoconLiteral.FromString(string.Concat(pieces.Select(p => ((HoconLiteral)p).Text)), pieces[0].Origin),
        };
    }

    internal static HoconValueType ConcatenationKind(HoconValue piece) => piece switch
    {
        HoconObject => HoconValueType.Object,
        HoconArray => HoconValueType.Array,
        _ => HoconValueType.String,
    };

    internal static string KindName(HoconValueType kind) => kind switch
    {
        HoconValueType.Object => "an object",
        HoconValueType.Array => "an array",
        _ => "a string",
    };

    private void ParseInclude(HoconObject target, HoconPath? objectPath)
    {
        var includeToken = Next();
        if (Peek().Type != HoconTokenType.Whitespace)
        {
            throw Error(Peek(), $"expected a quoted file name after 'include' but found {Peek().Describe()} (quote \"include\" to use it as a key)");
        }

        SkipWhitespace();
        var wrappers = new List<string>();
        while (Peek().Type is HoconTokenType.UnquotedText or HoconTokenType.Whitespace)
        {
            var token = Next();
            if (token.Type == HoconTokenType.Whitespace)
            {
                continue;
            }

            var parts = token.Text.Split('(');
            if (parts.Length < 2 || parts[^1].Length != 0 || parts[..^1].Any(p => p is not ("required" or "file" or "classpath" or "url")))
            {
                throw Error(token, $"expected a quoted file name or required(...), file(...), classpath(...) or url(...) after 'include' but found {token.Describe()}");
            }

            wrappers.AddRange(parts[..^1]);
        }

        var nameToken = Next();
        if (nameToken.Type != HoconTokenType.QuotedString)
        {
            throw Error(nameToken, $"expected a quoted file name after 'include' but found {nameToken.Describe()}");
        }

        var toClose = wrappers.Count;
        while (toClose > 0)
        {
            var token = Peek();
            if (token.Type == HoconTokenType.Whitespace)
            {
                Next();
                continue;
            }

            if (token.Type == HoconTokenType.UnquotedText && token.Text.Length <= toClose && token.Text.All(c => c == ')'))
            {
                toClose -= token.Text.Length;
                Next();
                continue;
            }

            throw Error(token, $"expected ')' to close the include but found {token.Describe()}");
        }

        var required = false;
        var kind = HoconIncludeKind.Heuristic;
        for (var i = 0; i < wrappers.Count; i++)
        {
            if (wrappers[i] == "required")
            {
                if (i != 0 || required)
                {
                    throw Error(includeToken, "required(...) must be the outermost part of an include");
                }

                required = true;
                continue;
            }

            if (kind != HoconIncludeKind.Heuristic)
            {
                throw Error(includeToken, "an include may name only one of file(...), classpath(...) or url(...)");
            }

            kind = wrappers[i] switch
            {
                "file" => HoconIncludeKind.File,
                "classpath" => HoconIncludeKind.Classpath,
                _ => HoconIncludeKind.Url,
            };
        }

        var directive = new HoconIncludeDirective(kind, nameToken.Text, required, includeToken.Origin);
        var included = HoconIncluder.Include(directive, _context);
        if (included is null)
        {
            return;
        }

        if (objectPath is not null && !objectPath.IsRoot)
        {
            included = SubstitutionPrefixer.Prefix(included, objectPath);
        }

        foreach (var (key, value) in included.Items)
        {
            target.Set(key, target.TryGetValue(key, out var existing) ? HoconMerger.Merge(value, existing) : value);
        }
    }
}
