using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Syntax;

public sealed class ConcatenationSpec
{
    [Theory]
    [InlineData("a = foo bar   baz", "foo bar   baz")]
    [InlineData("a =    foo bar   ", "foo bar")]
    [InlineData("a = \"foo\" bar", "foo bar")]
    [InlineData("a = foo\" bar \"baz", "foo bar baz")]
    [InlineData("a = 1e5 apples", "1e5 apples")]
    [InlineData("a = true foo", "true foo")]
    [InlineData("a = truefoo", "truefoo")]
    [InlineData("a = null and void", "null and void")]
    [InlineData("a = 10 seconds", "10 seconds")]
    [InlineData("a = \"\"\"x\"\"\" y", "x y")]
    public void Simple_values_on_one_line_become_one_string_with_their_inner_whitespace(string text, string expected)
    {
        Assert.Equal(expected, HoconText.Parse(text).GetString("a"));
    }

    [Fact]
    public void A_single_value_keeps_its_type()
    {
        var config = HoconText.Parse("a = true\nb = 42\nc = null");

        Assert.Equal(HoconValueType.Boolean, config.GetValue("a").Type);
        Assert.Equal(HoconValueType.Number, config.GetValue("b").Type);
        Assert.Equal(HoconValueType.Null, config.GetValue("c").Type);
    }

    [Theory]
    [InlineData("a = [1, 2] [3, 4]")]
    [InlineData("a = [1, 2][3, 4]")]
    [InlineData("a = [1] [2] [3, 4]")]
    [InlineData("a = [] [1, 2, 3, 4] []")]
    public void Arrays_on_one_line_are_concatenated(string text)
    {
        Assert.Equal([1, 2, 3, 4], HoconText.Parse(text).GetIntList("a"));
    }

    [Fact]
    public void Objects_on_one_line_are_merged_and_the_later_one_wins()
    {
        var config = HoconText.Parse("a = { b = 1, c = 1 } { c = 2 }");

        Assert.Equal("{\"a\":{\"b\":1,\"c\":2}}", config.ToJson(indented: false));
    }

    [Fact]
    public void Object_concatenation_with_a_substitution_implements_inheritance()
    {
        var config = HoconText.Parse("""
            data-center-generic = { cluster-size = 6 }
            data-center-east = ${data-center-generic} { name = "east" }
            """);

        Assert.Equal(6, config.GetInt("data-center-east.cluster-size"));
        Assert.Equal("east", config.GetString("data-center-east.name"));
    }

    [Fact]
    public void Array_concatenation_with_substitutions()
    {
        var config = HoconText.Parse("base = [1, 2]\nall = ${base} [3] ${base}");

        Assert.Equal([1, 2, 3, 1, 2], config.GetIntList("all"));
    }

    [Fact]
    public void Substitutions_concatenate_into_strings_with_the_whitespace_between_them()
    {
        var config = HoconText.Parse("animal.favorite = dog\nkey = ${animal.favorite} is my   favorite animal\nn = 7\nlabel = item-${n}");

        Assert.Equal("dog is my   favorite animal", config.GetString("key"));
        Assert.Equal("item-7", config.GetString("label"));
    }

    [Fact]
    public void Arrays_in_arrays_concatenate_unless_separated_by_a_newline()
    {
        var oneLine = HoconText.Parse("a = [ [ 1, 2 ] [ 3, 4 ] ]").GetValue("a").GetArray();
        var twoLines = HoconText.Parse("a = [ [ 1, 2 ]\n [ 3, 4 ] ]").GetValue("a").GetArray();

        Assert.Single(oneLine);
        Assert.Equal(4, oneLine[0].GetArray().Count);
        Assert.Equal(2, twoLines.Count);
    }

    [Theory]
    [InlineData("a = [1] foo", 1, 9, "a string")]
    [InlineData("a = foo [1]", 1, 9, "an array")]
    [InlineData("a = {x = 1} [1]", 1, 13, "an array")]
    [InlineData("a = [1]\nb = 1 {x = 1}", 2, 7, "an object")]
    public void Mixing_kinds_in_a_concatenation_is_an_error_with_its_location(string text, int line, int column, string kind)
    {
        var error = HoconText.ParseFails(text);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains($"cannot concatenate {kind}", error.Reason);
    }

    [Fact]
    public void Mixing_kinds_through_a_substitution_is_reported_at_the_substitution()
    {
        var error = HoconText.ParseFails("list = [1]\nbad = prefix ${list}");

        Assert.Equal((2, 14), (error.Line, error.Column));
        Assert.Contains("${list}", error.Reason);
    }

    [Fact]
    public void An_undefined_optional_substitution_is_empty_inside_a_concatenation()
    {
        var config = HoconText.Parse("s = ${?nope.missing}suffix\nl = ${?nope.missing} [1]\no = ${?nope.missing} { x = 1 }");

        Assert.Equal("suffix", config.GetString("s"));
        Assert.Equal([1], config.GetIntList("l"));
        Assert.Equal(1, config.GetInt("o.x"));
    }
}
