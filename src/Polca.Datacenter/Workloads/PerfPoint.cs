namespace Polca.Datacenter.Workloads;

/// <summary>One point of a latency curve: the median time in milliseconds at a batch-tokens or batch-size value.</summary>
/// <param name="X">Batch tokens (prefill curve) or batch size (decode curve).</param>
/// <param name="Ms">Median time over the table's runs at that value, in milliseconds.</param>
public readonly record struct PerfPoint(int X, double Ms);
