using Polca.Cli;
using Polca.Hocon.Tests.Support;

namespace Polca.Hocon.Tests.Cli;

public sealed class ConfigCommandSpec : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static (int ExitCode, string Output, string Error) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApplication.Run(arguments, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_valid_file_prints_resolved_indented_json_and_exits_0()
    {
        var file = _directory.Write("app.conf", "base { cores = 8 }\nnode = ${base} { name = \"east\" }\nbig = 9007199254740993");

        var (exitCode, output, error) = Run("config", file);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Equal(
            "{\n  \"base\": {\n    \"cores\": 8\n  },\n  \"node\": {\n    \"cores\": 8,\n    \"name\": \"east\"\n  },\n  \"big\": 9007199254740993\n}" + Environment.NewLine,
            output);
    }

    [Fact]
    public void A_syntax_error_prints_file_line_column_and_exits_2()
    {
        var file = _directory.Write("bad.conf", "a {\n  rows }\n");

        var (exitCode, output, error) = Run("config", file);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"{file}:2:8: expected '=' or ':' after key \"rows\" but found '}}'" + Environment.NewLine, error);
    }

    [Fact]
    public void A_resolution_error_prints_its_location_without_a_stack_trace()
    {
        var file = _directory.Write("cycle.conf", "a = ${b}\nb = ${a}\n");

        var (exitCode, _, error) = Run("config", file);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"{file}:2:5: ", error);
        Assert.DoesNotContain(" at ", error.Replace("a -> b -> a", ""));
    }

    [Fact]
    public void A_missing_file_prints_file_not_found_and_exits_2()
    {
        var missing = Path.Combine(_directory.Root, "nope.conf");

        var (exitCode, output, error) = Run("config", missing);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"{missing}: file not found" + Environment.NewLine, error);
    }

    [Theory]
    [InlineData]
    [InlineData("config")]
    [InlineData("config", "a.conf", "b.conf")]
    [InlineData("config", "--verbose")]
    [InlineData("frobnicate")]
    public void Bad_usage_prints_usage_on_stderr_and_exits_2(params string[] arguments)
    {
        var (exitCode, output, error) = Run(arguments);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("usage: polca", error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void General_help_lists_the_commands_and_exits_0(string flag)
    {
        var (exitCode, output, error) = Run(flag);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("usage: polca COMMAND", output);
        Assert.Contains("config", output);
    }

    [Theory]
    [InlineData("config", "--help")]
    [InlineData("help", "config")]
    public void Command_help_explains_the_command_and_exits_0(params string[] arguments)
    {
        var (exitCode, output, _) = Run(arguments);

        Assert.Equal(0, exitCode);
        Assert.Contains("usage: polca config [--with-defaults] FILE", output);
        Assert.Contains("FILE:LINE:COL", output);
    }

    [Fact]
    public void With_defaults_merges_the_reference_configuration_under_the_file()
    {
        var file = _directory.Write("run.conf", "polca.actor.throughput = 7\nscenario.rows = 2");

        var (exitCode, output, error) = Run("config", "--with-defaults", file);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("\"throughput\": 7", output);
        Assert.Contains("\"handoff-limit\": 64", output);
        Assert.Contains("\"rows\": 2", output);
    }

    [Fact]
    public void With_defaults_rejects_an_unknown_runtime_key_with_its_line_and_exits_2()
    {
        var file = _directory.Write("typo.conf", "polca {\n  clock {\n    paze = 3\n  }\n}");

        var (exitCode, output, error) = Run("config", "--with-defaults", file);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith(file + ":3:", error);
        Assert.Contains("unknown setting 'polca.clock.paze'", error);
    }
}
