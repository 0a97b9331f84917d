namespace Polca.Datacenter.Workloads;

/// <summary>A request actor asks its row to serve it (the sender is the request actor).</summary>
public sealed record SubmitRequest(long Id, int PromptTokens, int OutputTokens, RequestPriority Priority, int Stream, long ArrivedTicks);
