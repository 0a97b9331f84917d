namespace Polca.Datacenter.Telemetry;

/// <summary>
/// Request outcomes of one journal batch, column by column (compact in the journal). Priority 0 = high, 1 = low; Failure
/// indexes <see cref="RecordBatch.FailureReasons"/>, −1 for completed requests.
/// </summary>
public sealed record OutcomeColumns(
    long[] Id,
    byte[] Priority,
    int[] Stream,
    long[] ArrivedTicks,
    int[] OutputTokens,
    double[] TtftMs,
    double[] MeanTbtMs,
    double[] MaxTbtMs,
    double[] E2eMs,
    int[] Failure);
