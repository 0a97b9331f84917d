using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Semantics;

public sealed class SelfReferenceSpec
{
    [Fact]
    public void A_string_field_can_extend_its_previous_value()
    {
        var config = HoconText.Parse("path : \"a:b:c\"\npath : ${path}\":d\"");

        Assert.Equal("a:b:c:d", config.GetString("path"));
    }

    [Fact]
    public void An_array_field_can_extend_its_previous_value()
    {
        var config = HoconText.Parse("list = [1]\nlist = ${list} [2]");

        Assert.Equal([1, 2], config.GetIntList("list"));
    }

    [Fact]
    public void An_object_field_can_extend_its_previous_value()
    {
        var config = HoconText.Parse("a = { x = 1 }\na = ${a} { b = 2 }");

        Assert.Equal("{\"a\":{\"x\":1,\"b\":2}}", config.ToJson(indented: false));
    }

    [Fact]
    public void Repeated_self_references_each_see_the_value_before_them()
    {
        var config = HoconText.Parse("list = [1]\nlist = ${list} [2]\nlist = ${list} [3]\nlist += 4");

        Assert.Equal([1, 2, 3, 4], config.GetIntList("list"));
    }

    [Fact]
    public void A_self_reference_inside_a_nested_object_looks_back()
    {
        var config = HoconText.Parse("app { paths = [/bin] }\napp { paths = ${app.paths} [/usr/bin] }\napp.paths = ${app.paths} [/opt/bin]");

        Assert.Equal(["/bin", "/usr/bin", "/opt/bin"], config.GetStringList("app.paths"));
    }

    [Fact]
    public void A_self_reference_resolves_to_the_value_below_even_through_a_path()
    {
        var config = HoconText.Parse("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }");

        Assert.Equal("{\"foo\":{\"a\":2,\"c\":1}}", config.ToJson(indented: false));
    }

    [Fact]
    public void A_self_reference_whose_object_refers_to_its_earlier_fields()
    {
        var config = HoconText.Parse("a = { x = 1 }\na = ${a} { y = ${a.x} }");

        Assert.Equal(1, config.GetInt("a.y"));
        Assert.Equal(1, config.GetInt("a.x"));
    }

    [Fact]
    public void A_self_reference_without_an_earlier_value_is_undefined()
    {
        var error = HoconText.ParseFails("foo : ${foo}");

        Assert.Contains("could not resolve substitution ${foo}", error.Reason);
    }

    [Fact]
    public void An_optional_self_reference_without_an_earlier_value_disappears()
    {
        var config = HoconText.Parse("foo : ${?foo}\nbar = 1");

        Assert.False(config.HasPath("foo"));
    }

    [Fact]
    public void An_optional_self_reference_in_a_concatenation_is_empty()
    {
        var config = HoconText.Parse("a = ${?a}foo");

        Assert.Equal("foo", config.GetString("a"));
    }

    [Fact]
    public void A_self_reference_before_the_first_value_is_undefined()
    {
        var error = HoconText.ParseFails("foo : ${foo}\nfoo : { a : 1 }");

        Assert.Equal((1, 7), (error.Line, error.Column));
    }

    [Fact]
    public void A_self_reference_hidden_by_a_later_value_is_ignored()
    {
        var config = HoconText.Parse("foo : ${foo}\nfoo : 42");

        Assert.Equal(42, config.GetInt("foo"));
    }

    [Fact]
    public void A_self_reference_may_be_followed_by_an_object_merge()
    {
        var config = HoconText.Parse("a { x = 1 }\na = ${a}\na { y = 2 }");

        Assert.Equal("{\"a\":{\"x\":1,\"y\":2}}", config.ToJson(indented: false));
    }

    [Fact]
    public void A_self_referential_field_may_fall_back_to_the_environment()
    {
        var name = "POLCA_HOCON_SELF_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "/usr/bin");
        try
        {
            var config = HoconText.Parse($"{name} = ${{{name}}}\":/opt/polca\"");

            Assert.Equal("/usr/bin:/opt/polca", config.GetString(name));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_self_reference_may_look_back_through_a_reference_to_another_field()
    {
        var config = HoconText.Parse("a = 1\nb = ${a}\na = ${b}");

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(1, config.GetInt("b"));
    }
}
