using Polca.Datacenter.Workloads;

namespace Polca.Datacenter.Tests.Workloads;

/// <summary>The built-in SplitwiseSim table against the medians quoted in MODELS.md 2.2 and data/README.md.</summary>
public sealed class PerfModelSpec
{
    private static readonly PerfModel Table = PerfModel.Load("builtin:splitwise-perf-model", null);

    private static void Near(double expected, double actual, double tolerance = 0.01) =>
        Assert.InRange(actual, expected * (1 - tolerance), expected * (1 + tolerance));

    private static PerfSetting Setting(PerfProfile profile, int prompt, int batch, int tokens = 128) =>
        Assert.Single(profile.Settings, s => s.PromptSize == prompt && s.BatchSize == batch && s.TokenSize == tokens);

    [Fact]
    public void The_table_has_twelve_configurations_of_21_settings_times_5_runs()
    {
        Assert.Equal(12, Table.Profiles.Count);
        Assert.All(Table.Profiles, p => Assert.Equal(105, p.Settings.Sum(s => s.Runs)));
        Assert.All(Table.Profiles, p => Assert.Equal(19, p.Settings.Count));
        Assert.Equal("builtin:splitwise-perf-model", Table.Name);
        Assert.Same(Table, PerfModel.Load("builtin:splitwise-perf-model", "/x"));
    }

    // prompt 512: the pooled median of every batch-1 row at prompt 512 (data/README.md); 2048 and 8192: the medians of
    // the batch-1 settings (MODELS.md 2.2); decode steps at batch 1, 16 and 64 (MODELS.md 2.2).
    [Theory]
    [InlineData("llama2-70b", "a100-80gb", 8, 93.0, 274, 1550, 45, 50, 72)]
    [InlineData("llama2-70b", "h100-80gb", 8, 53.9, 137, 845, 30, 34, 50)]
    [InlineData("llama2-70b", "h100-80gb-pcap", 8, 70.0, 178, 1098, 30, 34, 50)]
    [InlineData("bloom-176b", "a100-80gb", 8, 174.4, 540, 3593, 49, 57, 97)]
    [InlineData("bloom-176b", "h100-80gb", 8, 76.1, 253, 1535, 36, 41, 64)]
    [InlineData("bloom-176b", "h100-80gb-pcap", 8, 99.0, 329, 1996, 36, 41, 64)]
    public void Medians_match_the_published_tables(
        string model, string hardware, int tp, double prompt512, double prompt2048, double prompt8192, double token1, double token16, double token64)
    {
        var profile = Table.For(model, hardware, tp);

        Near(prompt512, profile.PrefillMs(512));
        Near(prompt2048, Setting(profile, 2048, 1).MedianPromptMs);
        Near(prompt8192, Setting(profile, 8192, 1).MedianPromptMs);
        Near(token1, profile.DecodeStepMs(1));
        Near(token16, profile.DecodeStepMs(16));
        Near(token64, profile.DecodeStepMs(64));
        Assert.Equal(15, Setting(profile, 512, 1).Runs);
        Assert.Equal(45, profile.Settings.Where(s => s.PromptSize == 512 && s.BatchSize == 1).Sum(s => s.Runs));
    }

    [Fact]
    public void Prefill_pools_settings_with_equal_batch_tokens_as_SplitwiseSim_does()
    {
        var profile = Table.For("llama2-70b", "a100-80gb", 8);

        // 512 batch tokens: the 45 rows at prompt 512 x batch 1 (every output length).
        Near(93.0, profile.PrefillMs(512));

        // 2048 = 2048 x 1 (median 274.2) and 512 x 4 (292.3): the median of their 10 rows.
        Near(282.71, profile.PrefillMs(2048), 0.001);

        // 8192 = 8192 x 1 (1549.8) and 512 x 16 (2084.4): pooled, between the two.
        Near(1780.97, profile.PrefillMs(8192), 0.001);
        Assert.InRange(profile.PrefillMs(8192), Setting(profile, 8192, 1).MedianPromptMs, Setting(profile, 512, 16).MedianPromptMs);

        Assert.Equal([128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768], profile.PrefillPoints.Select(p => p.X));
        Assert.Equal([1, 2, 4, 8, 16, 32, 64], profile.DecodePoints.Select(p => p.X));
        Assert.Equal(512, profile.DecodePromptSize);
        Assert.Equal(128, profile.DecodeTokenSize);
    }

    [Fact]
    public void A_power_capped_H100_prefills_1_30_times_slower_and_decodes_as_fast()
    {
        foreach (var (model, tp) in new[] { ("llama2-70b", 2), ("llama2-70b", 4), ("llama2-70b", 8), ("bloom-176b", 8) })
        {
            var free = Table.For(model, "h100-80gb", tp);
            var capped = Table.For(model, "h100-80gb-pcap", tp);
            foreach (var tokens in new[] { 100, 512, 1500, 2048, 5000, 8192, 20000 })
            {
                Near(1.30 * free.PrefillMs(tokens), capped.PrefillMs(tokens));
            }

            foreach (var batch in new[] { 1, 3, 16, 50, 64, 100 })
            {
                Near(free.DecodeStepMs(batch), capped.DecodeStepMs(batch), 1e-9);
            }
        }
    }

    [Fact]
    public void Absent_configurations_list_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Table.For("llama2-70b", "a100-80gb", 16));

        Assert.Contains("builtin:splitwise-perf-model has no profile for (llama2-70b, a100-80gb, TP 16)", error.Message);
        Assert.Contains("expected one of (bloom-176b, a100-80gb, TP 8), (bloom-176b, h100-80gb, TP 8)", error.Message);
        Assert.Contains("(llama2-70b, h100-80gb-pcap, TP 8)", error.Message);
    }

    [Fact]
    public void Anomalous_rows_never_make_times_fall_past_the_last_point()
    {
        // TP 2 at batch 64 (32768 tokens) is faster than at batch 32 in the table: hold it flat above.
        var profile = Table.For("llama2-70b", "a100-80gb", 2);
        var last = profile.PrefillPoints[^1];

        Assert.True(last.Ms < profile.PrefillPoints[^2].Ms);
        Assert.Equal(last.Ms, profile.PrefillMs(last.X * 4));
        Assert.Equal(profile.DecodePoints[^1].Ms, profile.DecodeStepMs(1000));
    }
}
