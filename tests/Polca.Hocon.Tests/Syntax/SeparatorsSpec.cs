using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Syntax;

public sealed class SeparatorsSpec
{
    [Theory]
    [InlineData("a = 1")]
    [InlineData("a : 1")]
    [InlineData("a=1")]
    [InlineData("a:1")]
    [InlineData("{ a = 1 }")]
    [InlineData("{\"a\": 1}")]
    [InlineData("\n\n  a = 1  \n\n")]
    [InlineData("a =\n  1")]
    public void Equals_and_colon_separate_keys_from_values_with_or_without_root_braces(string text)
    {
        Assert.Equal(1, HoconText.Parse(text).GetInt("a"));
    }

    [Theory]
    [InlineData("a { b = 1 }")]
    [InlineData("a {b = 1}")]
    [InlineData("a = { b = 1 }")]
    [InlineData("a : { b : 1 }")]
    [InlineData("a.b = 1")]
    public void An_object_value_may_follow_its_key_without_a_separator(string text)
    {
        Assert.Equal(1, HoconText.Parse(text).GetInt("a.b"));
    }

    [Theory]
    [InlineData("a = 1, b = 2, c = 3")]
    [InlineData("a = 1\nb = 2\nc = 3")]
    [InlineData("a = 1,\nb = 2,\nc = 3,")]
    [InlineData("{ a = 1, b = 2, c = 3, }")]
    [InlineData("a = 1\n\n\nb = 2, c = 3\n")]
    public void Fields_are_separated_by_commas_or_newlines_and_one_trailing_comma_is_allowed(string text)
    {
        var config = HoconText.Parse(text);

        Assert.Equal([1, 2, 3], new[] { config.GetInt("a"), config.GetInt("b"), config.GetInt("c") });
    }

    [Theory]
    [InlineData("a = [1,2,3]")]
    [InlineData("a = [1,2,3,]")]
    [InlineData("a = [1\n2\n3]")]
    [InlineData("a = [\n  1,\n  2,\n  3,\n]")]
    [InlineData("a = [ 1 , 2 , 3 ]")]
    public void Array_elements_are_separated_by_commas_or_newlines(string text)
    {
        Assert.Equal([1, 2, 3], HoconText.Parse(text).GetIntList("a"));
    }

    [Theory]
    [InlineData("a = [1,2,3,,]", 1, 12)]
    [InlineData("a = [,1,2,3]", 1, 6)]
    [InlineData("a = [1,,2,3]", 1, 8)]
    [InlineData("a = 1,, b = 2", 1, 7)]
    [InlineData(", a = 1", 1, 1)]
    public void Doubled_leading_or_extra_trailing_commas_are_errors(string text, int line, int column)
    {
        var error = HoconText.ParseFails(text);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("','", error.Reason);
    }

    [Fact]
    public void Whitespace_without_a_newline_inside_an_array_concatenates_instead_of_separating()
    {
        var config = HoconText.Parse("a = [ 1 2 3 4 ]");

        Assert.Equal(["1 2 3 4"], config.GetStringList("a"));
    }

    [Fact]
    public void Two_fields_on_one_line_without_a_comma_are_an_error()
    {
        var error = HoconText.ParseFails("a = 1 b = 2");

        Assert.Equal(9, error.Column);
        Assert.Contains("expected ',' or a newline", error.Reason);
    }

    [Fact]
    public void Windows_line_endings_separate_fields_and_are_not_part_of_values()
    {
        var config = HoconText.Parse("a = foo bar\r\nb = [1,\r\n2]\r\nc {\r\n  d = 3\r\n}\r\n");

        Assert.Equal("foo bar", config.GetString("a"));
        Assert.Equal([1, 2], config.GetIntList("b"));
        Assert.Equal(3, config.GetInt("c.d"));
    }
}
