namespace Polca.Datacenter.Telemetry;

/// <summary>A row as the journal records it at the start: name, budget, servers per class.</summary>
public sealed record RowInfo(string Name, double BudgetW, int ServersHigh, int ServersLow);
