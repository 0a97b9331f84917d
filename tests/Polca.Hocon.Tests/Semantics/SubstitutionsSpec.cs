using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Semantics;

public sealed class SubstitutionsSpec
{
    [Fact]
    public void A_substitution_takes_the_value_and_type_of_its_path()
    {
        var config = HoconText.Parse("a { n = 42, b = true, o { x = 1 }, l = [1, 2] }\nn = ${a.n}\nb = ${a.b}\no = ${a.o}\nl = ${a.l}");

        Assert.Equal(42, config.GetInt("n"));
        Assert.True(config.GetBoolean("b"));
        Assert.Equal(1, config.GetInt("o.x"));
        Assert.Equal([1, 2], config.GetIntList("l"));
    }

    [Fact]
    public void Substitutions_look_forward_to_the_final_value()
    {
        var config = HoconText.Parse("early = ${later}\nlater = 1\nlater = 2");

        Assert.Equal(2, config.GetInt("early"));
    }

    [Fact]
    public void Substitutions_see_the_merged_object()
    {
        var config = HoconText.Parse("copy = ${orig}\norig { a = 1 }\norig { b = 2 }");

        Assert.Equal("{\"a\":1,\"b\":2}", config.GetConfig("copy").ToJson(indented: false));
    }

    [Fact]
    public void Chains_of_substitutions_resolve()
    {
        var config = HoconText.Parse("a = ${b}\nb = ${c}\nc = ${d.e}\nd.e = end");

        Assert.Equal("end", config.GetString("a"));
    }

    [Fact]
    public void An_object_may_refer_to_its_own_fields()
    {
        var config = HoconText.Parse("bar : { foo : 42,\n baz : ${bar.foo}\n }\nbar : { foo : 43 }");

        Assert.Equal(43, config.GetInt("bar.baz"));
    }

    [Fact]
    public void Mutually_referring_objects_look_forward()
    {
        var config = HoconText.Parse("""
            bar : { a : ${foo.d}, b : 1 }
            bar.b = 3
            foo : { c : ${bar.b}, d : 2 }
            foo.d = 4
            """);

        Assert.Equal(4, config.GetInt("bar.a"));
        Assert.Equal(3, config.GetInt("foo.c"));
    }

    [Fact]
    public void A_quoted_path_in_a_substitution_keeps_its_dots()
    {
        var config = HoconText.Parse("\"a.b\" = dotted\na.b = nested\nx = ${\"a.b\"}\ny = ${a.b}");

        Assert.Equal("dotted", config.GetString("x"));
        Assert.Equal("nested", config.GetString("y"));
    }

    [Fact]
    public void An_undefined_optional_substitution_removes_its_field()
    {
        var config = HoconText.Parse("a = ${?not.there}\nb = ${?not.there}${?also.not.there}\nc = 1");

        Assert.False(config.HasPath("a"));
        Assert.False(config.HasPath("b"));
        Assert.Equal(["c"], config.AsEnumerable().Select(pair => pair.Key));
    }

    [Fact]
    public void An_undefined_optional_substitution_keeps_the_previous_value()
    {
        var config = HoconText.Parse("port = 8080\nport = ${?POLCA_TEST_SURELY_UNSET_PORT}");

        Assert.Equal(8080, config.GetInt("port"));
    }

    [Fact]
    public void An_undefined_optional_substitution_is_left_out_of_an_array()
    {
        var config = HoconText.Parse("a = [1, ${?nothing.here}, 3]");

        Assert.Equal([1, 3], config.GetIntList("a"));
    }

    [Fact]
    public void Substitutions_inside_arrays_and_objects_in_arrays_resolve()
    {
        var config = HoconText.Parse("x = 5\nlist = [${x}, { y = ${x} }]");

        var list = config.GetValue("list").GetArray();
        Assert.Equal(5, list[0].GetInt());
        Assert.Equal(5, list[1].GetObject()["y"].GetInt());
    }

    [Fact]
    public void An_undefined_required_substitution_is_an_error_at_its_location()
    {
        var error = HoconText.ParseFails("a = 1\nb = x ${missing.path}");

        Assert.Equal((2, 7), (error.Line, error.Column));
        Assert.Contains("${missing.path}", error.Reason);
        Assert.Contains("could not resolve", error.Reason);
    }

    [Fact]
    public void Undefined_substitutions_fall_back_to_environment_variables()
    {
        var name = "POLCA_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var config = HoconText.Parse($"a = ${{{name}}}\nb = ${{?{name}}}/suffix");

            Assert.Equal("from-env", config.GetString("a"));
            Assert.Equal("from-env/suffix", config.GetString("b"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_value_in_the_config_wins_over_the_environment_even_when_null()
    {
        var name = "POLCA_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var config = HoconText.Parse($"{name} = null\na = ${{{name}}}");

            Assert.Equal(HoconValueType.Null, config.GetValue("a").Type);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Home_comes_from_the_environment()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        if (home is null)
        {
            HoconText.ParseFails("home = ${HOME}");
            return;
        }

        Assert.Equal(home, HoconText.Parse("home = ${HOME}").GetString("home"));
    }

    [Theory]
    [InlineData("bar : ${foo}\nfoo : ${bar}", "bar -> foo -> bar")]
    [InlineData("a : ${b}\nb : ${c}\nc : ${a}", "a -> b -> c -> a")]
    [InlineData("a : { b : ${a} }", "a.b")]
    [InlineData("a : [${a}]", "a -> a")]
    public void Cycles_are_errors_naming_the_paths(string text, string expectedMention)
    {
        var error = HoconText.ParseFails(text);

        Assert.Contains("cycle", error.Reason);
        Assert.Contains(expectedMention, error.Reason);
    }

    [Fact]
    public void An_optional_substitution_in_a_cycle_is_undefined()
    {
        var config = HoconText.Parse("a : { b : ${?a}, c = 1 }");

        Assert.False(config.HasPath("a.b"));
        Assert.Equal(1, config.GetInt("a.c"));
    }

    [Fact]
    public void A_hidden_substitution_is_never_evaluated()
    {
        var config = HoconText.Parse("foo : ${does-not-exist}\nfoo : 42");

        Assert.Equal(42, config.GetInt("foo"));
    }
}
