namespace Polca.Datacenter.Workloads;

/// <summary>One request arrival produced by a workload stream.</summary>
/// <param name="ArrivalTicks">Arrival time in 100 ns ticks (<see cref="TimeSpan.Ticks"/>) since the run's start.</param>
/// <param name="PromptTokens">Prompt tokens, at least 1.</param>
/// <param name="OutputTokens">Output tokens to generate, at least 1.</param>
/// <param name="Priority">The request's priority class.</param>
/// <param name="Stream">The index of the stream in the workload that produced it.</param>
public readonly record struct ArrivalSpec(long ArrivalTicks, int PromptTokens, int OutputTokens, RequestPriority Priority, int Stream);
