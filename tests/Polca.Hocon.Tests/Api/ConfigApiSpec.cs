using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Api;

public sealed class ConfigApiSpec
{
    private readonly Config _config = HoconText.Parse("""
        app {
          name = polca
          ports = [8080, 8081]
          ratios = [0.5, 1, "2.5"]
          names = [a, 1, true]
          nothing = null
          indexed { "1" = second, "0" = first, other = ignored }
          nested { level = 2 }
        }
        """);

    [Fact]
    public void Lists_convert_each_element()
    {
        Assert.Equal([8080, 8081], _config.GetIntList("app.ports"));
        Assert.Equal([8080L, 8081L], _config.GetLongList("app.ports"));
        Assert.Equal([0.5, 1.0, 2.5], _config.GetDoubleList("app.ratios"));
        Assert.Equal(["a", "1", "true"], _config.GetStringList("app.names"));
    }

    [Fact]
    public void A_numerically_indexed_object_reads_as_a_list()
    {
        Assert.Equal(["first", "second"], _config.GetStringList("app.indexed"));
    }

    [Fact]
    public void A_bad_list_element_is_reported_with_its_index()
    {
        var error = Assert.Throws<HoconException>(() => _config.GetIntList("app.names"));

        Assert.Contains("\"app.names[0]\"", error.Reason);
    }

    [Fact]
    public void GetConfig_returns_a_sub_tree_with_relative_paths()
    {
        var nested = _config.GetConfig("app.nested");

        Assert.Equal(2, nested.GetInt("level"));
        Assert.Same(Config.Empty, _config.GetConfig("app.absent", Config.Empty));
    }

    [Fact]
    public void Null_values_count_as_absent_for_HasPath_and_defaults()
    {
        Assert.False(_config.HasPath("app.nothing"));
        Assert.Equal("fallback", _config.GetString("app.nothing", "fallback"));
        Assert.Equal(HoconValueType.Null, _config.GetValue("app.nothing").Type);
        Assert.Contains("is null", Assert.Throws<HoconException>(() => _config.GetString("app.nothing")).Reason);
    }

    [Fact]
    public void Defaults_are_returned_for_absent_paths_of_every_getter()
    {
        Assert.Equal("d", _config.GetString("x.y", "d"));
        Assert.Null(_config.GetString("x.y", null));
        Assert.Equal(3, _config.GetInt("x", 3));
        Assert.Equal(4L, _config.GetLong("x", 4L));
        Assert.Equal(1.5, _config.GetDouble("x", 1.5));
        Assert.Equal(["z"], _config.GetStringList("x", ["z"]));
        Assert.Equal([9], _config.GetIntList("x", [9]));
        Assert.Equal(7, _config.GetInt("app.name.deeper", 7));
    }

    [Fact]
    public void Absent_paths_without_default_throw_naming_the_path()
    {
        var error = Assert.Throws<HoconException>(() => _config.GetInt("app.missing"));

        Assert.Contains("\"app.missing\"", error.Reason);
        Assert.Equal("<string>", error.FileName);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void AsEnumerable_lists_the_root_pairs_and_Root_renders_as_hocon()
    {
        var config = HoconText.Parse("b = 1\na { c = \"x y\" }");

        Assert.Equal(["b", "a"], config.AsEnumerable().Select(pair => pair.Key));
        Assert.Equal("b = 1\na {\n  c = \"x y\"\n}\n", config.Root.ToString());
        Assert.Equal(config.Root.ToString(), config.ToString());
    }

    [Fact]
    public void HasPath_and_GetValue_walk_nested_objects()
    {
        Assert.True(_config.HasPath("app.nested.level"));
        Assert.False(_config.HasPath("app.nested.level.deeper"));
        Assert.True(_config.TryGetValue("app.name", out var value));
        Assert.Equal("polca", value.GetString());
        Assert.False(_config.TryGetValue("app.none", out _));
    }

    [Fact]
    public void Configs_can_be_built_in_code()
    {
        var root = new HoconObject([
            new("name", HoconLiteral.FromString("built")),
            new("size", HoconLiteral.FromLong(3)),
            new("tags", new HoconArray([HoconLiteral.FromBoolean(true), HoconLiteral.Null()])),
        ]);

        var config = new Config(root);

        Assert.Equal("built", config.GetString("name"));
        Assert.Equal("{\"name\":\"built\",\"size\":3,\"tags\":[true,null]}", config.ToJson(indented: false));
    }
}
