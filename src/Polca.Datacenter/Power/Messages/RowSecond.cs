namespace Polca.Datacenter.Power;

/// <summary>The exact mean power of a row over the emulated second ending at <paramref name="Second"/> (numerically its energy in J).</summary>
public sealed record RowSecond(long Second, double MeanW);
