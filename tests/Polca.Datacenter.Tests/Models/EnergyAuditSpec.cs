using Polca.Datacenter.Power;
using Polca.Datacenter.Scenario;

namespace Polca.Datacenter.Tests.Models;

/// <summary>The end-of-run energy audit: every node's energy must equal the sum of the nodes feeding it.</summary>
public sealed class EnergyAuditSpec
{
    private const string Dc = "/user/dc";
    private const string Pdu = "/user/dc/row-a/pdu-a";
    private const long At = 123_456_789;

    // A facility with one PDU, two racks, three servers of two GPUs each plus host; energies in milliwatt-ticks.
    private static List<EnergyAuditEntry> Tree()
    {
        var entries = new List<EnergyAuditEntry>();
        Int128 pduTotal = 0;
        var serverIndex = 0;
        foreach (var (rack, servers) in new[] { ("rack-a01", 2), ("rack-a02", 1) })
        {
            var rackPath = $"/user/dc/row-a/{rack}";
            Int128 rackTotal = 0;
            for (var s = 0; s < servers; s++, serverIndex++)
            {
                var server = $"{rackPath}/server-{serverIndex}";
                Int128 gpu = 1_000_000_000_000 + serverIndex * 7_919;
                Int128 host = 3_000_000_000_000 + serverIndex * 104_729;
                entries.Add(new EnergyAuditEntry(server + "/gpu-0", "gpu", server, gpu, At));
                entries.Add(new EnergyAuditEntry(server + "/gpu-1", "gpu", server, gpu, At));
                entries.Add(new EnergyAuditEntry(server + "/host", "host", server, host, At));
                entries.Add(new EnergyAuditEntry(server, "server", rackPath, 2 * gpu + host, At));
                rackTotal += 2 * gpu + host;
            }

            entries.Add(new EnergyAuditEntry(rackPath, "rack", Pdu, rackTotal, At));
            pduTotal += rackTotal;
        }

        entries.Add(new EnergyAuditEntry(Pdu, "pdu", Dc, pduTotal, At));
        entries.Add(new EnergyAuditEntry(Dc, "datacenter", "", pduTotal, At));
        return entries;
    }

    private static List<EnergyAuditEntry> With(List<EnergyAuditEntry> entries, string path, Func<Int128, Int128> change) =>
        entries.Select(e => e.Path == path ? e with { MilliwattTicks = change(e.MilliwattTicks) } : e).ToList();

    [Fact]
    public void Accepts_a_consistent_tree()
    {
        Assert.Empty(EnergyAudit.Check(Tree()));
    }

    [Fact]
    public void Accepts_a_consistent_tree_in_any_order()
    {
        var entries = Tree();
        var random = new Random(3);
        var shuffled = entries.OrderBy(_ => random.Next()).ToList();
        Assert.Empty(EnergyAudit.Check(shuffled));
        entries.Reverse();
        Assert.Empty(EnergyAudit.Check(entries));
    }

    [Fact]
    public void Finds_a_gpu_off_by_one_milliwatt_tick_at_its_server()
    {
        var broken = With(Tree(), "/user/dc/row-a/rack-a01/server-1/gpu-1", e => e + 1);
        var problem = Assert.Single(EnergyAudit.Check(broken));
        Assert.StartsWith("server /user/dc/row-a/rack-a01/server-1:", problem);
        Assert.Contains("3 feeding nodes", problem);
    }

    [Fact]
    public void Finds_a_rack_that_disagrees_with_its_servers_and_the_pdu_above_it()
    {
        var broken = With(Tree(), "/user/dc/row-a/rack-a02", e => e - 1000);
        var problems = EnergyAudit.Check(broken);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("rack /user/dc/row-a/rack-a02:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"pdu {Pdu}:", StringComparison.Ordinal));
    }

    [Fact]
    public void Finds_a_facility_that_disagrees_with_its_pdus()
    {
        var broken = With(Tree(), Dc, e => e * 2);
        var problem = Assert.Single(EnergyAudit.Check(broken));
        Assert.StartsWith($"datacenter {Dc}:", problem);
    }

    [Fact]
    public void Finds_a_node_with_nothing_feeding_it()
    {
        var entries = Tree();
        entries.Add(new EnergyAuditEntry("/user/dc/row-b/pdu-b", "pdu", Dc, 0, At));
        var problems = EnergyAudit.Check(entries);
        Assert.Contains(problems, p => p == "pdu /user/dc/row-b/pdu-b has no feeding nodes in the audit");
    }

    [Fact]
    public void Finds_a_missing_server()
    {
        var entries = Tree().Where(e => !e.Path.StartsWith("/user/dc/row-a/rack-a02/server-2", StringComparison.Ordinal)).ToList();
        var problems = EnergyAudit.Check(entries);
        Assert.Contains(problems, p => p == "rack /user/dc/row-a/rack-a02 has no feeding nodes in the audit");
    }

    [Fact]
    public void Gpus_and_hosts_need_no_feeding_nodes()
    {
        var entries = new List<EnergyAuditEntry>
        {
            new("/s/gpu-0", "gpu", "/s", 5, At),
            new("/s/host", "host", "/s", 7, At),
            new("/s", "server", "", 12, At),
        };
        Assert.Empty(EnergyAudit.Check(entries));
    }

    [Fact]
    public void Kwh_converts_milliwatt_ticks()
    {
        // 1 kWh = 1e6 mW for 3600 s = 1e6 x 3.6e10 ticks.
        Assert.Equal(1.0, EnergyAudit.Kwh((Int128)1_000_000 * 3_600 * TimeSpan.TicksPerSecond), 12);
        Assert.Equal(0.0, EnergyAudit.Kwh(0));
    }
}
