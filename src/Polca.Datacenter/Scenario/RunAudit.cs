namespace Polca.Datacenter.Scenario;

/// <summary>
/// The invariants checked at the end of every run: energy conserved up the tree (nodes audited, facility energy in kWh: the sum of the row PDUs),
/// every request accounted for (request actors alive = arrived − completed − failed).
/// </summary>
public sealed record RunAudit(int EnergyNodes, double FacilityKwh, long RequestActorsAlive, long InFlightByCount);
