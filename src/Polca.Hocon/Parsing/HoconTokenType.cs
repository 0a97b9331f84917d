namespace Polca.Hocon.Parsing;

/// <summary>The kinds of HOCON tokens.</summary>
internal enum HoconTokenType
{
    Whitespace,
    Newline,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    UnquotedText,
    Number,
    Boolean,
    Null,
    Substitution,
    EndOfInput,
}
