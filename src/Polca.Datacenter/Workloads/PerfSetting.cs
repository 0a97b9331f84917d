namespace Polca.Datacenter.Workloads;

/// <summary>One profiled setting of a performance table, with the medians over its repeated runs.</summary>
/// <param name="PromptSize">Prompt tokens per request.</param>
/// <param name="BatchSize">Requests in the batch.</param>
/// <param name="TokenSize">Output tokens per request.</param>
/// <param name="Runs">How many rows (repetitions) the table has for this setting.</param>
/// <param name="MedianPromptMs">Median prefill time of the whole batch, in milliseconds.</param>
/// <param name="MedianTokenMs">Median time of one decode iteration, in milliseconds.</param>
public readonly record struct PerfSetting(int PromptSize, int BatchSize, int TokenSize, int Runs, double MedianPromptMs, double MedianTokenMs);
