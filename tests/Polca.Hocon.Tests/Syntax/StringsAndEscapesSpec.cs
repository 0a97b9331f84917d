using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Syntax;

public sealed class StringsAndEscapesSpec
{
    [Theory]
    [InlineData(@"a = ""line\nbreak""", "line\nbreak")]
    [InlineData(@"a = ""tab\there""", "tab\there")]
    [InlineData(@"a = ""quote \"" inside""", "quote \" inside")]
    [InlineData(@"a = ""back\\slash""", "back\\slash")]
    [InlineData(@"a = ""slash\/ok""", "slash/ok")]
    [InlineData(@"a = ""\b\f\r""", "\b\f\r")]
    [InlineData(@"a = ""caf\u00e9""", "café")]
    [InlineData(@"a = ""\u0041\u0042""", "AB")]
    [InlineData(@"a = ""smile \ud83d\ude00""", "smile 😀")]
    [InlineData(@"a = ""not a # comment""", "not a # comment")]
    [InlineData(@"a = ""${not.a.substitution}""", "${not.a.substitution}")]
    [InlineData(@"a = """"", "")]
    public void Quoted_strings_follow_json_escapes(string text, string expected)
    {
        Assert.Equal(expected, HoconText.Parse(text).GetString("a"));
    }

    [Fact]
    public void Triple_quoted_strings_are_raw_and_span_lines()
    {
        var config = HoconText.Parse("a = \"\"\"first \\n line\n  second \"quoted\" line\"\"\"");

        Assert.Equal("first \\n line\n  second \"quoted\" line", config.GetString("a"));
    }

    [Fact]
    public void Extra_quotes_at_the_end_of_a_triple_quoted_string_belong_to_the_string()
    {
        var config = HoconText.Parse("a = \"\"\"foo\"\"\"\"");

        Assert.Equal("foo\"", config.GetString("a"));
    }

    [Fact]
    public void Unquoted_strings_are_taken_literally()
    {
        var config = HoconText.Parse("path = /usr/local/bin\nname = polca-node_1.local\ninc = include");

        Assert.Equal("/usr/local/bin", config.GetString("path"));
        Assert.Equal("polca-node_1.local", config.GetString("name"));
        Assert.Equal("include", config.GetString("inc"));
    }

    [Theory]
    [InlineData("a = b^c", '^')]
    [InlineData("a = b!c", '!')]
    [InlineData("a = b@c", '@')]
    [InlineData("a = b*c", '*')]
    [InlineData("a = b&c", '&')]
    [InlineData("a = b`c", '`')]
    [InlineData("a = b?c", '?')]
    [InlineData("a = b\\c", '\\')]
    public void Reserved_characters_are_rejected_outside_quotes(string text, char reserved)
    {
        var error = HoconText.ParseFails(text);

        Assert.Contains($"'{reserved}'", error.Reason);
        Assert.Equal(6, error.Column);
    }

    [Fact]
    public void An_invalid_escape_is_reported_where_it_starts()
    {
        var error = HoconText.ParseFails("a = \"bad \\q escape\"");

        Assert.Equal((1, 10), (error.Line, error.Column));
        Assert.Contains("invalid escape", error.Reason);
    }

    [Fact]
    public void A_short_unicode_escape_is_an_error()
    {
        var error = HoconText.ParseFails("a = \"\\u12\"");

        Assert.Contains("four hexadecimal digits", error.Reason);
    }

    [Fact]
    public void A_quoted_string_may_not_span_lines()
    {
        var error = HoconText.ParseFails("a = \"open\nb = 2");

        Assert.Equal((1, 5), (error.Line, error.Column));
        Assert.Contains("unterminated quoted string", error.Reason);
    }

    [Fact]
    public void An_unterminated_triple_quoted_string_is_an_error()
    {
        var error = HoconText.ParseFails("a = \"\"\"never closed\n\n");

        Assert.Contains("unterminated triple-quoted string", error.Reason);
    }
}
