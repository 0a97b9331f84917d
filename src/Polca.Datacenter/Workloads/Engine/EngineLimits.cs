namespace Polca.Datacenter.Workloads.Engine;

/// <summary>Batching limits of an inference engine: prompt tokens per prefill iteration, requests per batch, KV-cache tokens.</summary>
public sealed record EngineLimits(int MaxPrefillTokens, int MaxBatch, long KvCapacityTokens);
