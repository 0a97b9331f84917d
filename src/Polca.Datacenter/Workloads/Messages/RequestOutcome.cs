namespace Polca.Datacenter.Workloads;

/// <summary>
/// A request's fate as journaled: priority, stream, timestamps (elapsed ticks) and derived latencies in ms (rounded to the
/// microsecond); <paramref name="FailureReason"/> is null for a completed request. MeanTbtMs is the mean gap after the first token.
/// </summary>
public sealed record RequestOutcome(
    long Id,
    RequestPriority Priority,
    int Stream,
    long ArrivedTicks,
    long FirstTokenTicks,
    long FinishedTicks,
    int OutputTokens,
    double TtftMs,
    double MeanTbtMs,
    double MaxTbtMs,
    double E2eMs,
    string? FailureReason);
