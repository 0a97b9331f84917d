namespace Polca.Datacenter.Workloads;

/// <summary>One validated row of a performance table (the columns the emulator uses).</summary>
internal readonly record struct PerfRow(int PromptSize, int BatchSize, int TokenSize, double PromptTimeMs, double TokenTimeMs);
