namespace Polca.Datacenter.Power;

/// <summary>
/// A power node's exact energy up to <paramref name="AtTicks"/>, in milliwatt-ticks (1 tick = 100 ns). Level is gpu, host,
/// server, rack or pdu; Parent is the path of the node it feeds ("" for a row PDU: the facility is the sum of its rows).
/// </summary>
public sealed record EnergyAuditEntry(string Path, string Level, string Parent, Int128 MilliwattTicks, long AtTicks);
