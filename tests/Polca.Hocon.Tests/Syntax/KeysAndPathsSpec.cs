using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Syntax;

public sealed class KeysAndPathsSpec
{
    [Fact]
    public void A_dotted_key_is_a_path_that_creates_nested_objects()
    {
        var config = HoconText.Parse("a.b.c = 1");

        Assert.Equal("{\"a\":{\"b\":{\"c\":1}}}", config.ToJson(indented: false));
    }

    [Fact]
    public void A_quoted_key_keeps_its_dots()
    {
        var config = HoconText.Parse("\"a.b\" = 1");

        Assert.Equal("{\"a.b\":1}", config.ToJson(indented: false));
        Assert.Equal(1, config.GetInt("\"a.b\""));
        Assert.False(config.HasPath("a.b"));
    }

    [Fact]
    public void Quoted_and_unquoted_parts_combine_into_one_path()
    {
        var config = HoconText.Parse("\"p\".\"q.r\" = 3\nfoo.bar.\"hello.world\" = 4");

        Assert.Equal(3, config.GetInt("p.\"q.r\""));
        Assert.Equal(4, config.GetInt("foo.bar.\"hello.world\""));
    }

    [Theory]
    [InlineData("a b c = 42", "a b c")]
    [InlineData("  a   b = 42", "a   b")]
    [InlineData("true = 42", "true")]
    [InlineData("3 = 42", "3")]
    [InlineData("null = 42", "null")]
    [InlineData("foo\"10.0\" = 42", "foo10.0")]
    [InlineData("\"\" = 42", "")]
    [InlineData("\"include\" = 42", "include")]
    public void Keys_are_always_strings_and_keep_inner_whitespace(string text, string expectedKey)
    {
        var config = HoconText.Parse(text);

        var (key, value) = Assert.Single(config.AsEnumerable());
        Assert.Equal(expectedKey, key);
        Assert.Equal(42, value.GetInt());
    }

    [Theory]
    [InlineData("3.14 = 42", "{\"3\":{\"14\":42}}")]
    [InlineData("10.0foo = 42", "{\"10\":{\"0foo\":42}}")]
    [InlineData("foo10.0 = 42", "{\"foo10\":{\"0\":42}}")]
    [InlineData("1.2.3 = 42", "{\"1\":{\"2\":{\"3\":42}}}")]
    [InlineData("a.\"\".b = 42", "{\"a\":{\"\":{\"b\":42}}}")]
    public void Numbers_in_keys_are_split_on_their_dots_as_written(string text, string expectedJson)
    {
        Assert.Equal(expectedJson, HoconText.Json(text));
    }

    [Theory]
    [InlineData("a..b = 1")]
    [InlineData(".a = 1")]
    [InlineData("a. = 1")]
    public void Empty_unquoted_path_elements_are_errors(string text)
    {
        var error = HoconText.ParseFails(text);

        Assert.Contains("path element is empty", error.Reason);
    }

    [Fact]
    public void Paths_as_keys_merge_with_objects_defined_elsewhere()
    {
        var config = HoconText.Parse("a.x = 42, a.y = 43\na { z = 44 }");

        Assert.Equal("{\"a\":{\"x\":42,\"y\":43,\"z\":44}}", config.ToJson(indented: false));
    }

    [Fact]
    public void A_substitution_in_a_key_is_an_error()
    {
        var error = HoconText.ParseFails("${a} = 1");

        Assert.Contains("not allowed in keys", error.Reason);
    }

    [Fact]
    public void Getter_paths_accept_quoted_elements()
    {
        var config = HoconText.Parse("servers { \"db.primary\" { port = 5432 } }");

        Assert.Equal(5432, config.GetInt("servers.\"db.primary\".port"));
        Assert.True(config.HasPath("servers.\"db.primary\""));
    }
}
