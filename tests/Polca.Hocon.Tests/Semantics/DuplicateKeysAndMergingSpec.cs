using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Semantics;

public sealed class DuplicateKeysAndMergingSpec
{
    [Theory]
    [InlineData("foo : { a : 42 }, foo : { b : 43 }", "{\"foo\":{\"a\":42,\"b\":43}}")]
    [InlineData("foo : { a : 42 }, foo : null, foo : { b : 43 }", "{\"foo\":{\"b\":43}}")]
    [InlineData("foo : { a : 42 }, foo : 7", "{\"foo\":7}")]
    [InlineData("foo : 7, foo : { b : 43 }", "{\"foo\":{\"b\":43}}")]
    [InlineData("foo : [1], foo : [2]", "{\"foo\":[2]}")]
    [InlineData("foo : 1, foo : 2, foo : 3", "{\"foo\":3}")]
    [InlineData("a { b { c = 1, d = 1 } }\na { b { d = 2 } }", "{\"a\":{\"b\":{\"c\":1,\"d\":2}}}")]
    [InlineData("a.b.c = 1\na.b.d = 2\na.e = 3", "{\"a\":{\"b\":{\"c\":1,\"d\":2},\"e\":3}}")]
    [InlineData("a = 5\na.b = 1", "{\"a\":{\"b\":1}}")]
    [InlineData("a.b = 1\na = 5", "{\"a\":5}")]
    public void Later_keys_override_earlier_ones_and_objects_merge_deeply(string text, string expectedJson)
    {
        Assert.Equal(expectedJson, HoconText.Json(text));
    }

    [Fact]
    public void Keys_keep_the_order_of_their_first_definition()
    {
        var config = HoconText.Parse("z = 1\na = 2\nm = 3\nz = 4");

        Assert.Equal(["z", "a", "m"], config.AsEnumerable().Select(pair => pair.Key));
        Assert.Equal(4, config.GetInt("z"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_existing_array()
    {
        var config = HoconText.Parse("a = [1, 2]\na += 3\na += [4]");

        var values = config.GetValue("a").GetArray();
        Assert.Equal(4, values.Count);
        Assert.Equal(3, values[2].GetInt());
        Assert.Equal([4], values[3].GetArray().Select(v => v.GetInt()));
    }

    [Fact]
    public void Plus_equals_creates_the_array_when_the_key_is_new()
    {
        var config = HoconText.Parse("servers += alpha\nservers += beta");

        Assert.Equal(["alpha", "beta"], config.GetStringList("servers"));
    }

    [Fact]
    public void Plus_equals_works_inside_nested_objects()
    {
        var config = HoconText.Parse("app { plugins = [a] }\napp { plugins += b }\napp.plugins += c");

        Assert.Equal(["a", "b", "c"], config.GetStringList("app.plugins"));
    }

    [Fact]
    public void Plus_equals_on_a_non_array_is_an_error()
    {
        var error = HoconText.ParseFails("a = 1\na += 2");

        Assert.Equal(2, error.Line);
        Assert.Contains("cannot concatenate", error.Reason);
    }

    [Fact]
    public void Merging_never_changes_the_objects_it_merges()
    {
        var config = HoconText.Parse("base { x = 1 }\nderived = ${base}\nderived { y = 2 }");

        Assert.False(config.HasPath("base.y"));
        Assert.Equal(1, config.GetInt("derived.x"));
        Assert.Equal(2, config.GetInt("derived.y"));
    }
}
