using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Workloads;

public sealed class LlmTraceSpec
{
    [Theory]
    [InlineData("builtin:azure-code-2023", 8_819, 3_435.9, 2_048, 27.9)]
    [InlineData("builtin:azure-conv-2023", 19_366, 3_501.7, 1_155, 211)]
    public void Built_in_traces_match_the_published_statistics(string source, int rows, double spanS, double promptMean, double outputMean)
    {
        var trace = LlmTrace.Load(source, null);

        Assert.Equal(source, trace.Name);
        Assert.Equal(rows, trace.Count);
        Assert.Equal(rows, trace.Requests.Count);
        Assert.InRange(trace.SpanS, spanS - 0.1, spanS + 0.1);
        Assert.Equal(0, trace.Requests[0].OffsetS);
        Assert.Equal(trace.SpanS, trace.Requests[^1].OffsetS);
        Assert.InRange(trace.Requests.Average(r => r.PromptTokens), promptMean * 0.99, promptMean * 1.01);
        Assert.InRange(trace.Requests.Average(r => r.OutputTokens), outputMean * 0.99, outputMean * 1.01);
        for (var i = 1; i < trace.Count; i++)
        {
            Assert.True(trace.Requests[i].OffsetS >= trace.Requests[i - 1].OffsetS);
        }
    }

    [Fact]
    public void The_first_rows_of_the_code_trace_are_read_exactly()
    {
        var trace = LlmTrace.Load("builtin:azure-code-2023", null);

        // 2023-11-16 18:17:03.9799600,4808,10 then 18:17:04.0319600,3180,8
        Assert.Equal(new TraceRequest(0, 4808, 10), trace.Requests[0]);
        Assert.Equal(0.052, trace.Requests[1].OffsetS, 9);
        Assert.Equal(3180, trace.Requests[1].PromptTokens);
        Assert.Equal(8, trace.Requests[1].OutputTokens);
    }

    [Fact]
    public void Built_ins_are_parsed_once_per_process()
    {
        Assert.Same(LlmTrace.Load("builtin:azure-conv-2023", null), LlmTrace.Load("builtin:azure-conv-2023", "/elsewhere"));
    }

    [Fact]
    public void Files_with_LF_endings_short_fractions_and_no_final_newline_parse()
    {
        using var dir = new TempDirectory();
        dir.Write("t.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:00:00,10,1\n2023-11-16 18:00:00.5,20,2\n2023-11-16 18:00:01.25,30,3");

        var trace = LlmTrace.Load("t.csv", dir.Path);

        Assert.Equal(Path.Combine(dir.Path, "t.csv"), trace.Name);
        Assert.Equal([new(0, 10, 1), new(0.5, 20, 2), new(1.25, 30, 3)], trace.Requests);
        Assert.Equal(1.25, trace.SpanS);
    }

    [Fact]
    public void Files_with_CRLF_endings_a_final_newline_and_seven_digit_fractions_parse()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("t.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-12-31 23:59:59.9999999,5,6\r\n2024-01-01 00:00:00.0000001,7,8\r\n\r\n");

        var trace = LlmTrace.Load(path, null);

        Assert.Equal(2, trace.Count);
        Assert.Equal(2e-7, trace.SpanS, 12);
        Assert.Equal(7, trace.Requests[1].PromptTokens);
    }

    [Fact]
    public void A_trace_built_in_code_checks_its_requests()
    {
        var trace = new LlmTrace("synthetic", [new(0, 1, 1), new(2, 3, 4)]);
        Assert.Equal(2, trace.SpanS);

        Assert.Throws<ArgumentException>(() => new LlmTrace("x", []));
        Assert.Throws<ArgumentException>(() => new LlmTrace("x", [new(1, 1, 1)]));
        Assert.Throws<ArgumentException>(() => new LlmTrace("x", [new(0, 1, 1), new(-1, 1, 1)]));
        Assert.Throws<ArgumentException>(() => new LlmTrace("x", [new(0, 0, 1)]));
    }
}
