namespace Polca.Datacenter.Scenario;

/// <summary>The rows of a scenario: how many, servers and racks per row, the server SKU, each row's budget and low-priority share of servers.</summary>
public sealed record RowsSpec(int Count, int ServersPerRow, int RacksPerRow, string ServerSku, double BudgetW, double LowPriorityShare);
