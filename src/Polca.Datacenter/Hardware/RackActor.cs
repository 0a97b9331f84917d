using Polca.Actors;
using Polca.Datacenter.Power;

namespace Polca.Datacenter.Hardware;

/// <summary>
/// A rack and its rack PDU: it creates its servers, keeps the exact sum of their power and its energy, and passes each
/// change on to the row PDU.
/// </summary>
public sealed class RackActor : UntypedActor
{
    private readonly IReadOnlyList<Func<IActorRef, ServerSetup>> _servers;
    private readonly IActorRef _pdu;
    private readonly List<IActorRef> _children = [];
    private long _milliwatts;
    private long _lastTicks;
    private Int128 _energy;

    /// <summary>Creates the rack; each entry of <paramref name="servers"/> builds a server's setup given this rack.</summary>
    public RackActor(IReadOnlyList<Func<IActorRef, ServerSetup>> servers, IActorRef pdu)
    {
        _servers = servers;
        _pdu = pdu;
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        _lastTicks = Context.System.Clock.Elapsed.Ticks;
        var created = new List<(int, IActorRef)>();
        foreach (var build in _servers)
        {
            var setup = build(Self);
            var server = Context.ActorOf(Props.Create(() => new ServerActor(setup)), setup.Name);
            _children.Add(server);
            created.Add((setup.Index, server));
        }

        Context.Parent.Tell(new Control.RackServers(created), Self);
    }

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case PowerChanged changed:
                PowerAccounting.Apply(ref _milliwatts, ref _energy, ref _lastTicks, changed);
                _pdu.Tell(changed, Self);
                break;
            case CutPower or RestorePower:
                foreach (var server in _children) server.Forward(message);
                break;
            case AuditEnergy audit:
                var now = Context.System.Clock.Elapsed.Ticks;
                PowerAccounting.IntegrateTo(_milliwatts, ref _energy, ref _lastTicks, now);
                audit.ReplyTo.Tell(new EnergyAuditEntry(Self.Path.ToString(), "rack", _pdu.Path.ToString(), _energy, now));
                foreach (var server in _children) server.Tell(audit, Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
