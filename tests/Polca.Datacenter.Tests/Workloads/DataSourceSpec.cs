using Polca.Datacenter.Scenario;
using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Workloads;

public sealed class DataSourceSpec
{
    [Theory]
    [InlineData("builtin:azure-code-2023", "TIMESTAMP,ContextTokens,GeneratedTokens")]
    [InlineData("builtin:azure-conv-2023", "TIMESTAMP,ContextTokens,GeneratedTokens")]
    [InlineData("builtin:splitwise-perf-model", "model,hardware,prompt_size,batch_size,token_size,peak_power,average_power,prompt_time,token_time,e2e_time,tensor_parallel")]
    public void Built_ins_open_under_their_own_names(string source, string header)
    {
        using var reader = DataSource.Open(source, "/ignored", out var name);

        Assert.Equal(source, name);
        Assert.Equal(header, reader.ReadLine());
        Assert.Contains(source, DataSource.BuiltinSources);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_base_directory_and_absolute_ones_do_not()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("x.csv", "hello");

        using (var reader = DataSource.Open("x.csv", dir.Path, out var name))
        {
            Assert.Equal(path, name);
            Assert.Equal("hello", reader.ReadToEnd());
        }

        using var absolute = DataSource.Open(path, "/somewhere/else", out var absoluteName);
        Assert.Equal(path, absoluteName);
        Assert.Null(DataSource.Problem("x.csv", dir.Path));
        Assert.NotNull(DataSource.Problem("x.csv", "/somewhere/else"));
    }

    [Fact]
    public void Unknown_built_ins_and_empty_sources_are_refused()
    {
        var error = Assert.Throws<InputFileException>(() => DataSource.Open("builtin:nope", null, out _));
        Assert.Equal("builtin:nope: unknown built-in data set: expected one of builtin:azure-code-2023, builtin:azure-conv-2023, builtin:splitwise-perf-model, found \"builtin:nope\"", error.Message);

        Assert.Contains("found an empty string", DataSource.Problem(string.Empty, null));
    }
}
