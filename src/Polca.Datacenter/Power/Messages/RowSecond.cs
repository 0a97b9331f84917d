namespace Polca.Datacenter.Power;

/// <summary>The exact mean power of a row over the emulated second ending at <paramref name="Second"/>, and its energy in J.</summary>
public sealed record RowSecond(long Second, double MeanW, double EnergyJ);
