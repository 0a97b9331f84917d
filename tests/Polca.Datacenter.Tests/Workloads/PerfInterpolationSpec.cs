using System.Text;
using Polca.Datacenter.Scenario;
using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Workloads;

/// <summary>Interpolation and validation on small hand-made tables.</summary>
public sealed class PerfInterpolationSpec
{
    private static string Row(int prompt, int batch, int tokens, double promptMs, double tokenMs, string model = "m", string hw = "g", int tp = 1) =>
        FormattableString.Invariant($"{model},{hw},{prompt},{batch},{tokens},0.0,0.0,{promptMs},{tokenMs},1000,{tp}\n");

    private static PerfProfile Profile(params string[] rows)
    {
        var text = new StringBuilder(PerfModel.Header + "\n");
        foreach (var row in rows)
        {
            text.Append(row);
        }

        return PerfModel.Parse(new StringReader(text.ToString()), "t.csv").For("m", "g", 1);
    }

    private static readonly PerfProfile Simple = Profile(
        Row(100, 1, 10, 10, 5),
        Row(200, 1, 10, 20, 5),
        Row(400, 1, 10, 60, 5),
        Row(100, 2, 10, 21, 6),
        Row(100, 4, 10, 64, 8),
        Row(100, 8, 10, 120, 12));

    [Fact]
    public void Prefill_is_linear_between_points()
    {
        // points (100, 10), (200, 20.5), (400, 62), (800, 120)
        Assert.Equal(10, Simple.PrefillMs(100), 9);
        Assert.Equal(15.25, Simple.PrefillMs(150), 9);
        Assert.Equal(41.25, Simple.PrefillMs(300), 9);
        Assert.Equal(62, Simple.PrefillMs(400), 9);
        Assert.Equal(91, Simple.PrefillMs(600), 9);
    }

    [Fact]
    public void Settings_with_equal_batch_tokens_pool_their_rows()
    {
        // 200 tokens: 200 x 1 (20 ms) and 100 x 2 (21 ms) -> median of the two rows 20.5 ms.
        Assert.Equal(20.5, Simple.PrefillMs(200), 9);

        // 400 tokens: 400 x 1 (60) and 100 x 4 (64) -> 62.
        Assert.Equal([new(100, 10), new(200, 20.5), new(400, 62), new(800, 120)], Simple.PrefillPoints);
    }

    [Fact]
    public void Below_the_first_point_holds_its_time_and_above_the_last_extends_the_last_slope()
    {
        Assert.Equal(10, Simple.PrefillMs(1));
        Assert.Equal(10, Simple.PrefillMs(99));

        // last two points (400, 62) and (800, 120): slope 0.145 ms per token.
        Assert.Equal(120 + (0.145 * 400), Simple.PrefillMs(1200), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => Simple.PrefillMs(0));
    }

    [Fact]
    public void Decode_uses_the_batch_sweep_interpolated_over_batch_size()
    {
        Assert.Equal(100, Simple.DecodePromptSize);
        Assert.Equal(10, Simple.DecodeTokenSize);
        Assert.Equal([new(1, 5), new(2, 6), new(4, 8), new(8, 12)], Simple.DecodePoints);
        Assert.Equal(7, Simple.DecodeStepMs(3), 9);
        Assert.Equal(10, Simple.DecodeStepMs(6), 9);
        Assert.Equal(16, Simple.DecodeStepMs(12), 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => Simple.DecodeStepMs(0));
    }

    [Fact]
    public void Medians_take_the_middle_of_odd_and_the_mean_of_even_run_counts()
    {
        var odd = Profile(Row(100, 1, 10, 30, 7), Row(100, 1, 10, 10, 1), Row(100, 1, 10, 20, 3));
        var even = Profile(Row(100, 1, 10, 30, 7), Row(100, 1, 10, 10, 1), Row(100, 1, 10, 20, 3), Row(100, 1, 10, 1000, 9));

        Assert.Equal(20, odd.PrefillMs(100));
        Assert.Equal(3, odd.DecodeStepMs(1));
        Assert.Equal(25, even.PrefillMs(100));
        Assert.Equal(5, even.DecodeStepMs(1));

        // one point: a constant everywhere
        Assert.Equal(20, odd.PrefillMs(5000));
        Assert.Equal(3, odd.DecodeStepMs(64));
    }

    [Theory]
    [InlineData("model,hardware\n", 1, "expected the header")]
    [InlineData("HEADER\nm,g,100,1,10,0,0,10,5,1000\n", 2, "expected 11 comma-separated fields, found 10")]
    [InlineData("HEADER\nm,g,100,1,10,0,0,10,5,1000,1,9\n", 2, "expected 11 comma-separated fields, found 12")]
    [InlineData("HEADER\n,g,100,1,10,0,0,10,5,1000,1\n", 2, "expected model as a non-empty name, found an empty field")]
    [InlineData("HEADER\nm,g,100,1,10,0,0,10,5,1000,1\nm,g,100,0,10,0,0,10,5,1000,1\n", 3, "expected batch_size as an integer of at least 1, found \"0\"")]
    [InlineData("HEADER\nm,g,1e2,1,10,0,0,10,5,1000,1\n", 2, "expected prompt_size as an integer of at least 1, found \"1e2\"")]
    [InlineData("HEADER\nm,g,100,1,10,-1,0,10,5,1000,1\n", 2, "expected peak_power as a number of at least 0, found \"-1\"")]
    [InlineData("HEADER\nm,g,100,1,10,0,0,0,5,1000,1\n", 2, "expected prompt_time as a positive number, found \"0\"")]
    [InlineData("HEADER\nm,g,100,1,10,0,0,10,NaN,1000,1\n", 2, "expected token_time as a positive number, found \"NaN\"")]
    [InlineData("HEADER\nm,g,100,1,10,0,0,10,5,fast,1\n", 2, "expected e2e_time as a positive number, found \"fast\"")]
    [InlineData("HEADER\nm,g,100,1,10,0,0,10,5,1000,two\n", 2, "expected tensor_parallel as an integer of at least 1, found \"two\"")]
    [InlineData("HEADER\n", 1, "expected at least one row after the header, found none")]
    public void Bad_tables_name_the_file_and_line(string text, int line, string reason)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("perf.csv", text.Replace("HEADER", PerfModel.Header));

        var error = Assert.Throws<InputFileException>(() => PerfModel.Load("perf.csv", dir.Path));

        Assert.Equal(path, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
    }
}
