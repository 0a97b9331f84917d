namespace Polca.Datacenter.Workloads;

/// <summary>One request of an LLM trace: its arrival offset from the trace's first row, and its token counts.</summary>
/// <param name="OffsetS">Seconds since the trace's first request.</param>
/// <param name="PromptTokens">Input (prompt, context) tokens, at least 1.</param>
/// <param name="OutputTokens">Generated tokens, at least 1.</param>
public readonly record struct TraceRequest(double OffsetS, int PromptTokens, int OutputTokens);
