namespace Polca.Datacenter.Telemetry;

/// <summary>
/// One row of timeseries.csv: a row's power over the emulated second ending at <paramref name="TimeS"/>: mean true power, the
/// PDU sensor's last reading, the budget, and the caps in force at the end of the second.
/// </summary>
public sealed record TimeseriesRow(
    long TimeS,
    string Row,
    double TruePowerW,
    double SensedPowerW,
    double BudgetW,
    int CappedServersLow,
    int CappedServersHigh,
    int BrakedServers);
