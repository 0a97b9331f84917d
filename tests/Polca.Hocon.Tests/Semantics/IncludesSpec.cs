using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Semantics;

public sealed class IncludesSpec : IDisposable
{
    private readonly TempDirectory _directory = new();

    public IncludesSpec()
    {
        HoconResourceRegistry.Register(typeof(IncludesSpec).Assembly);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_include_is_resolved_relative_to_the_including_file()
    {
        _directory.Write("conf/common.conf", "shared = yes\nport = 1");
        var main = _directory.Write("conf/app.conf", "include \"common.conf\"\nport = 2");

        var config = ConfigurationFactory.ParseFile(main);

        Assert.True(config.GetBoolean("shared"));
        Assert.Equal(2, config.GetInt("port"));
    }

    [Fact]
    public void Fields_before_an_include_are_overridden_by_it_and_fields_after_it_win()
    {
        _directory.Write("inc.conf", "a = included\nb = included\nobj { x = 1 }");
        var main = _directory.Write("main.conf", "a = before\nobj { y = 2 }\ninclude \"inc.conf\"\nb = after");

        var config = ConfigurationFactory.ParseFile(main);

        Assert.Equal("included", config.GetString("a"));
        Assert.Equal("after", config.GetString("b"));
        Assert.Equal("{\"y\":2,\"x\":1}", config.GetConfig("obj").ToJson(indented: false));
    }

    [Fact]
    public void An_include_inside_an_object_merges_under_that_path()
    {
        _directory.Write("db.conf", "host = localhost\nport = 5432");
        var main = _directory.Write("main.conf", "database { include \"db.conf\"\n port = 6543 }");

        var config = ConfigurationFactory.ParseFile(main);

        Assert.Equal("localhost", config.GetString("database.host"));
        Assert.Equal(6543, config.GetInt("database.port"));
        Assert.False(config.HasPath("host"));
    }

    [Fact]
    public void Substitutions_of_a_file_included_in_an_object_are_fixed_up_to_that_object()
    {
        _directory.Write("foo.conf", "x : 10, y : ${x}");
        var main = _directory.Write("main.conf", "a : { include \"foo.conf\" }\na : { x : 42 }");

        var config = ConfigurationFactory.ParseFile(main);

        Assert.Equal(42, config.GetInt("a.y"));
    }

    [Fact]
    public void A_fixed_up_substitution_falls_back_to_the_path_as_written()
    {
        _directory.Write("svc.conf", "greeting = \"hello \"${app.name}");
        var main = _directory.Write("main.conf", "app.name = polca\nservice { include \"svc.conf\" }");

        var config = ConfigurationFactory.ParseFile(main);

        Assert.Equal("hello polca", config.GetString("service.greeting"));
    }

    [Fact]
    public void Substitutions_in_included_files_resolve_against_the_including_root()
    {
        _directory.Write("defaults.conf", "timeout = ${base-timeout}\nlabel = ${name}-node");
        var main = _directory.Write("main.conf", "include \"defaults.conf\"\nbase-timeout = 30s\nname = east");

        var config = ConfigurationFactory.ParseFile(main);

        Assert.Equal(TimeSpan.FromSeconds(30), config.GetTimeSpan("timeout"));
        Assert.Equal("east-node", config.GetString("label"));
    }

    [Fact]
    public void Plus_equals_in_a_file_included_in_an_object_appends_to_that_object()
    {
        _directory.Write("plugins.conf", "plugins += extra");
        var main = _directory.Write("main.conf", "app { plugins = [core] }\napp { include \"plugins.conf\" }");

        var config = ConfigurationFactory.ParseFile(main);

        Assert.Equal(["core", "extra"], config.GetStringList("app.plugins"));
    }

    [Fact]
    public void A_missing_plain_include_is_ignored()
    {
        var main = _directory.Write("main.conf", "include \"does-not-exist.conf\"\na = 1");

        Assert.Equal(1, ConfigurationFactory.ParseFile(main).GetInt("a"));
    }

    [Fact]
    public void A_missing_required_include_fails_naming_the_file_and_line()
    {
        var main = _directory.Write("main.conf", "a = 1\ninclude required(\"missing.conf\")");

        var error = Assert.Throws<HoconException>(() => ConfigurationFactory.ParseFile(main));

        Assert.Equal(main, error.FileName);
        Assert.Equal((2, 1), (error.Line, error.Column));
        Assert.Contains("missing.conf", error.Reason);
    }

    [Theory]
    [InlineData("include file(\"other.conf\")")]
    [InlineData("include required(file(\"other.conf\"))")]
    [InlineData("include required( file( \"other.conf\" ) )")]
    [InlineData("include \"other\"")]
    [InlineData("include required(\"other\")")]
    public void Include_forms_find_the_file(string includeLine)
    {
        _directory.Write("other.conf", "found = true");
        var main = _directory.Write("main.conf", includeLine);

        Assert.True(ConfigurationFactory.ParseFile(main).GetBoolean("found"));
    }

    [Fact]
    public void A_name_without_extension_merges_json_and_conf_with_conf_winning()
    {
        _directory.Write("both.json", "{ \"a\": 1, \"b\": 1 }");
        _directory.Write("both.conf", "b = 2");
        var main = _directory.Write("main.conf", "include \"both\"");

        var config = ConfigurationFactory.ParseFile(main);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Nested_includes_are_relative_to_each_including_file()
    {
        _directory.Write("sub/first.conf", "include \"second.conf\"\nfirst = 1");
        _directory.Write("sub/second.conf", "second = 2");
        var main = _directory.Write("main.conf", "include \"sub/first.conf\"");

        var config = ConfigurationFactory.ParseFile(main);

        Assert.Equal(1, config.GetInt("first"));
        Assert.Equal(2, config.GetInt("second"));
    }

    [Fact]
    public void Errors_inside_an_included_file_name_that_file()
    {
        _directory.Write("sub/broken.conf", "ok = 1\nbroken {");
        var main = _directory.Write("main.conf", "include \"sub/broken.conf\"");

        var error = Assert.Throws<HoconException>(() => ConfigurationFactory.ParseFile(main));

        Assert.EndsWith("broken.conf", error.FileName);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void An_include_cycle_is_an_error()
    {
        _directory.Write("a.conf", "include \"b.conf\"");
        _directory.Write("b.conf", "include \"a.conf\"");

        var error = Assert.Throws<HoconException>(() => ConfigurationFactory.ParseFile(Path.Combine(_directory.Root, "a.conf")));

        Assert.Contains("include cycle", error.Reason);
    }

    [Fact]
    public void Url_includes_are_reported_as_unsupported()
    {
        var error = HoconText.ParseFails("include url(\"http://example.com/x.conf\")");

        Assert.Contains("not supported", error.Reason);
    }

    [Theory]
    [InlineData("include = 1")]
    [InlineData("include 42")]
    [InlineData("include \"x.conf\" trailing")]
    public void Malformed_includes_are_errors(string text)
    {
        HoconText.ParseFails(text);
    }

    [Fact]
    public void Classpath_includes_read_embedded_resources_of_registered_assemblies()
    {
        var config = HoconText.Parse("include classpath(\"shared-defaults.conf\")\npool-name = fast");

        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("timeout"));
        Assert.Equal(8, config.GetInt("pool.size"));
        Assert.Equal("fast", config.GetString("pool.name"));
    }

    [Fact]
    public void A_classpath_include_inside_an_object_is_fixed_up_to_that_object()
    {
        var config = HoconText.Parse("svc { include classpath(\"shared-defaults.conf\")\n pool-name = svc-pool }");

        Assert.Equal("svc-pool", config.GetString("svc.pool.name"));
        Assert.Equal(8, config.GetInt("svc.pool.size"));
    }

    [Fact]
    public void A_missing_required_classpath_include_fails()
    {
        var error = HoconText.ParseFails("include required(classpath(\"no-such-resource.conf\"))");

        Assert.Contains("no-such-resource.conf", error.Reason);
    }

    [Fact]
    public void FromResource_parses_an_embedded_resource()
    {
        var config = ConfigurationFactory.FromResource(typeof(IncludesSpec).Assembly, "shared-defaults.conf");

        Assert.Equal(8, config.GetInt("pool.size"));
        Assert.False(config.HasPath("pool.name"));
    }

    [Fact]
    public void Load_reads_the_reference_defaults_of_registered_assemblies()
    {
        var config = ConfigurationFactory.Load();

        Assert.Equal("hello from the embedded reference", config.GetString("polca-hocon-tests.reference.greeting"));
        Assert.Equal("hello from the embedded reference, retries 3", config.GetString("polca-hocon-tests.reference.summary"));
    }

    [Fact]
    public void ParseFile_of_a_missing_file_throws_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => ConfigurationFactory.ParseFile(Path.Combine(_directory.Root, "absent.conf")));
    }
}
