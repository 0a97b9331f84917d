namespace Polca.Datacenter;

/// <summary>POLCA's thresholds (fractions of the budget), hysteresis, cap clocks (at the reference GPU's clock range) and escalation delay.</summary>
public sealed record PolcaSettings(
    double T1,
    double T2,
    double Hysteresis,
    double LowPriorityT1ClockMhz,
    double LowPriorityT2ClockMhz,
    double HighPriorityT2ClockMhz,
    double ReferenceMaxClockMhz,
    TimeSpan EscalationDelay);
