using Polca.Datacenter.Scenario;
using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Workloads;

public sealed class TraceInputErrorsSpec
{
    private const string Header = "TIMESTAMP,ContextTokens,GeneratedTokens\r\n";
    private const string GoodRow = "2023-11-16 18:17:03.9799600,4808,10\r\n";

    [Theory]
    [InlineData("time,prompt,output\r\n" + GoodRow, 1, "expected the header \"TIMESTAMP,ContextTokens,GeneratedTokens\", found \"time,prompt,output\"")]
    [InlineData("", 1, "found an empty file")]
    [InlineData(Header, 1, "expected at least one request after the header, found none")]
    [InlineData(Header + GoodRow + "2023-11-16 18:17:04.0000000,1\r\n", 3, "expected 3 comma-separated fields, found 2")]
    [InlineData(Header + GoodRow + "2023-11-16 18:17:04.0000000,1,2,3\r\n", 3, "expected 3 comma-separated fields, found 4")]
    [InlineData(Header + GoodRow + "\r\n" + GoodRow, 3, "found an empty line")]
    [InlineData(Header + "16/11/2023 18:17:04,1,2\r\n", 2, "expected a timestamp yyyy-MM-dd HH:mm:ss.fffffff (0 to 7 fractional digits), found \"16/11/2023 18:17:04\"")]
    [InlineData(Header + "2023-11-16 18:17:04.12345678,1,2\r\n", 2, "found \"2023-11-16 18:17:04.12345678\"")]
    [InlineData(Header + "2023-02-30 18:17:04,1,2\r\n", 2, "found \"2023-02-30 18:17:04\"")]
    [InlineData(Header + "2023-11-16 24:00:00,1,2\r\n", 2, "expected a timestamp")]
    [InlineData(Header + GoodRow + "2023-11-16 18:17:05,abc,2\r\n", 3, "expected ContextTokens as an integer of at least 1, found \"abc\"")]
    [InlineData(Header + GoodRow + "2023-11-16 18:17:05,12,1.5\r\n", 3, "expected GeneratedTokens as an integer of at least 1, found \"1.5\"")]
    [InlineData(Header + GoodRow + GoodRow + "2023-11-16 18:17:05,0,2\r\n", 4, "expected ContextTokens as an integer of at least 1, found \"0\"")]
    [InlineData(Header + GoodRow + "2023-11-16 18:17:05,-3,2\r\n", 3, "found \"-3\"")]
    [InlineData(Header + GoodRow + "2023-11-16 18:17:05,99999999999,2\r\n", 3, "found \"99999999999\"")]
    [InlineData(Header + GoodRow + "2023-11-16 18:17:03.9799599,1,2\r\n", 3, "expected timestamps in non-decreasing order, found \"2023-11-16 18:17:03.9799599\" after an earlier row at 2023-11-16 18:17:03.9799600")]
    public void Bad_traces_name_the_file_and_line(string text, int line, string reason)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.csv", text);

        var error = Assert.Throws<InputFileException>(() => LlmTrace.Load("bad.csv", dir.Path));

        Assert.Equal(path, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith($"{path}:{line}: ", error.Message);
    }

    [Fact]
    public void A_missing_trace_file_names_the_path()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "absent.csv");

        var error = Assert.Throws<InputFileException>(() => LlmTrace.Load("absent.csv", dir.Path));

        Assert.Equal(path, error.File);
        Assert.Equal(0, error.Line);
        Assert.Equal($"{path}: expected an existing file, found no file at \"{path}\"", error.Message);
    }

    [Fact]
    public void An_unknown_built_in_lists_the_known_ones()
    {
        var error = Assert.Throws<InputFileException>(() => LlmTrace.Load("builtin:azure-code-2024", null));

        Assert.Equal("builtin:azure-code-2024", error.File);
        Assert.Contains("expected one of builtin:azure-code-2023, builtin:azure-conv-2023, builtin:splitwise-perf-model", error.Reason);
        Assert.Contains("found \"builtin:azure-code-2024\"", error.Reason);
    }
}
