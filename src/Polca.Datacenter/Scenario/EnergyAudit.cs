using Polca.Datacenter.Power;

namespace Polca.Datacenter.Scenario;

/// <summary>
/// Checks that energy is conserved up the power tree: every node's exact energy equals the sum of the nodes that feed it
/// (GPUs and host into a server, servers into a rack, racks into a PDU, PDUs into the facility).
/// </summary>
public static class EnergyAudit
{
    /// <summary>The mismatches found among <paramref name="entries"/> (empty when energy is conserved), one line each.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<EnergyAuditEntry> entries)
    {
        var problems = new List<string>();
        var byParent = entries.Where(e => e.Parent.Length > 0).GroupBy(e => e.Parent).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var node in entries.Where(e => e.Level is not "gpu" and not "host"))
        {
            if (!byParent.TryGetValue(node.Path, out var children))
            {
                problems.Add($"{node.Level} {node.Path} has no feeding nodes in the audit");
                continue;
            }

            Int128 sum = 0;
            foreach (var child in children) sum += child.MilliwattTicks;
            if (sum != node.MilliwattTicks)
                problems.Add($"{node.Level} {node.Path}: {Kwh(node.MilliwattTicks)} kWh but its {children.Count} feeding nodes sum to {Kwh(sum)} kWh");
        }

        return problems;
    }

    /// <summary>Milliwatt-ticks in kWh.</summary>
    public static double Kwh(Int128 milliwattTicks) => (double)milliwattTicks / 1000.0 / TimeSpan.TicksPerSecond / 3.6e6;
}
