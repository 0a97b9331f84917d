namespace Polca.Datacenter.Control;

/// <summary>
/// A row controller's decision or a power event, as journaled: Kind is caps (the caps in force changed), brake-on, brake-off,
/// breaker-trip or breaker-reset; the cap clocks (null: none) and counts say what is in force after it.
/// </summary>
public sealed record ControlDecision(
    long AtTicks,
    string Row,
    string Kind,
    double Fraction,
    double? LowCapMhz,
    double? HighCapMhz,
    int CappedLow,
    int CappedHigh,
    bool Brake);
