namespace Polca.Datacenter;

/// <summary>Inference-engine batching: prompt tokens per prefill iteration, requests per batch, HBM share left to the KV cache.</summary>
public sealed record EngineSettings(int MaxPrefillTokens, int MaxBatch, double KvMemoryFraction);
