using Polca.Actors;
using Polca.Datacenter.Power;

namespace Polca.Datacenter.Scenario;

/// <summary>Collects <see cref="EnergyAuditEntry"/> replies for the runner's end-of-run audit (read once the system is idle).</summary>
public sealed class AuditCollector : UntypedActor
{
    private readonly List<EnergyAuditEntry> _entries;

    /// <summary>A collector appending to <paramref name="entries"/>.</summary>
    public AuditCollector(List<EnergyAuditEntry> entries) => _entries = entries;

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        if (message is EnergyAuditEntry entry) _entries.Add(entry);
        else Unhandled(message);
    }
}
