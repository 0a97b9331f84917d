namespace Polca.Datacenter.Telemetry;

/// <summary>
/// Request outcomes of one journal batch, column by column (compact in the journal; latencies in whole microseconds).
/// Priority 0 = high, 1 = low; Failure indexes <see cref="RecordBatch.FailureReasons"/>, −1 for completed requests.
/// </summary>
public sealed record OutcomeColumns(
    long[] Id,
    byte[] Priority,
    int[] Stream,
    long[] ArrivedTicks,
    int[] OutputTokens,
    long[] TtftUs,
    long[] MeanTbtUs,
    long[] MaxTbtUs,
    long[] E2eUs,
    int[] Failure);
