using System.Collections.ObjectModel;

namespace Polca.Datacenter.Workloads;

/// <summary>
/// Prefill and decode latency of one (model, hardware, tensor-parallel) configuration, interpolated from the medians
/// of a SplitwiseSim-style profiling table.
/// </summary>
/// <remarks>
/// Prefill follows SplitwiseSim's <c>DatabasePerformanceModel</c>: every row counts as a point at
/// <c>prompt_size × batch_size</c> batch tokens, and rows that land on the same batch tokens (prompt 1024 × batch 1
/// and 512 × 2, say) pool into one median. Decode uses the table's batch sweep (the (prompt, output) setting profiled
/// at the most batch sizes: 512 and 128 in the Splitwise table), one median <c>token_time</c> per batch size.
/// Between points both curves are linear; below the first point they hold the first point's time; above the last
/// point they continue with the slope of the last two points, held flat where that slope is negative.
/// </remarks>
public sealed class PerfProfile
{
    private readonly PerfPoint[] _prefill;
    private readonly PerfPoint[] _decode;

    private PerfProfile(string model, string hardware, int tensorParallel, PerfSetting[] settings, PerfPoint[] prefill, PerfPoint[] decode, int decodePromptSize, int decodeTokenSize)
    {
        Model = model;
        Hardware = hardware;
        TensorParallel = tensorParallel;
        Settings = new ReadOnlyCollection<PerfSetting>(settings);
        _prefill = prefill;
        _decode = decode;
        PrefillPoints = new ReadOnlyCollection<PerfPoint>(prefill);
        DecodePoints = new ReadOnlyCollection<PerfPoint>(decode);
        DecodePromptSize = decodePromptSize;
        DecodeTokenSize = decodeTokenSize;
    }

    /// <summary>The model name as the table writes it (<c>llama2-70b</c>).</summary>
    public string Model { get; }

    /// <summary>The hardware name as the table writes it (<c>a100-80gb</c>).</summary>
    public string Hardware { get; }

    /// <summary>GPUs per model instance.</summary>
    public int TensorParallel { get; }

    /// <summary>Every profiled setting with its medians, sorted by prompt size, batch size and output size.</summary>
    public IReadOnlyList<PerfSetting> Settings { get; }

    /// <summary>The prefill curve: median prompt time (ms) per batch tokens, sorted by batch tokens.</summary>
    public IReadOnlyList<PerfPoint> PrefillPoints { get; }

    /// <summary>The decode curve: median time of one decode iteration (ms) per batch size, sorted by batch size.</summary>
    public IReadOnlyList<PerfPoint> DecodePoints { get; }

    /// <summary>The prompt size of the rows the decode curve comes from.</summary>
    public int DecodePromptSize { get; }

    /// <summary>The output size of the rows the decode curve comes from.</summary>
    public int DecodeTokenSize { get; }

    /// <summary>Milliseconds for one prefill iteration whose prompts total <paramref name="batchTokens"/> tokens (at least 1).</summary>
    public double PrefillMs(int batchTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchTokens, 1);
        return PiecewiseLinear.Evaluate(_prefill, batchTokens);
    }

    /// <summary>Milliseconds for one decode iteration over <paramref name="batchSize"/> requests (at least 1).</summary>
    public double DecodeStepMs(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return PiecewiseLinear.Evaluate(_decode, batchSize);
    }

    /// <summary>Renders the configuration as <c>(model, hardware, TP n)</c>.</summary>
    public override string ToString() => Describe(Model, Hardware, TensorParallel);

    /// <summary>Renders a configuration key as <c>(model, hardware, TP n)</c>.</summary>
    internal static string Describe(string model, string hardware, int tensorParallel) => $"({model}, {hardware}, TP {tensorParallel})";

    /// <summary>Builds the profile from the validated rows of one configuration.</summary>
    internal static PerfProfile Build(string model, string hardware, int tensorParallel, IReadOnlyList<PerfRow> rows)
    {
        var settings = rows
            .GroupBy(r => (r.PromptSize, r.BatchSize, r.TokenSize))
            .Select(g => new PerfSetting(
                g.Key.PromptSize,
                g.Key.BatchSize,
                g.Key.TokenSize,
                g.Count(),
                PiecewiseLinear.Median(g.Select(r => r.PromptTimeMs)),
                PiecewiseLinear.Median(g.Select(r => r.TokenTimeMs))))
            .OrderBy(s => s.PromptSize).ThenBy(s => s.BatchSize).ThenBy(s => s.TokenSize)
            .ToArray();

        var prefill = rows
            .GroupBy(r => r.PromptSize * r.BatchSize)
            .Select(g => new PerfPoint(g.Key, PiecewiseLinear.Median(g.Select(r => r.PromptTimeMs))))
            .OrderBy(p => p.X)
            .ToArray();

        var sweep = rows
            .GroupBy(r => (r.PromptSize, r.TokenSize))
            .OrderByDescending(g => g.Select(r => r.BatchSize).Distinct().Count())
            .ThenByDescending(g => g.Count())
            .ThenBy(g => g.Key.PromptSize)
            .ThenBy(g => g.Key.TokenSize)
            .First();
        var decode = sweep
            .GroupBy(r => r.BatchSize)
            .Select(g => new PerfPoint(g.Key, PiecewiseLinear.Median(g.Select(r => r.TokenTimeMs))))
            .OrderBy(p => p.X)
            .ToArray();

        return new PerfProfile(model, hardware, tensorParallel, settings, prefill, decode, sweep.Key.PromptSize, sweep.Key.TokenSize);
    }
}
