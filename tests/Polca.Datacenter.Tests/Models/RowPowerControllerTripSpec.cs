using Polca.Actors;
using Polca.Datacenter.Control;
using Polca.Datacenter.Power;
using Polca.Datacenter.Workloads;
using Polca.Datacenter.Workloads.Engine;
using static Polca.Datacenter.Tests.Models.ModelFixtures;

namespace Polca.Datacenter.Tests.Models;

/// <summary>
/// A row whose breaker trips and resets: its join-shortest-queue bookkeeping must come back balanced. (Found while reviewing
/// the models: RowPowerController.OnTrip clears its per-server counts, and then every aborted request's ServerRequestDone
/// decrements them again.)
/// </summary>
public sealed class RowPowerControllerTripSpec : Polca.TestKit.TestKit
{
    // The row's parent stands for the facility: it swallows the PDU's power changes and passes everything else to the row.
    private sealed class Facility : ReceiveActor
    {
        public Facility(RowSetup setup)
        {
            var row = Context.ActorOf(Props.Create(() => new RowPowerController(setup)), "row-a");
            ReceiveAny(m =>
            {
                if (m is not PowerChanged) row.Forward(m);
            });
        }
    }

    private static SubmitRequest Submit(long id) => new(id, 100, 4000, RequestPriority.High, 0, 0);

    private IActorRef Row(TimeSpan resetAfter)
    {
        var settings = Reference with { Breaker = Reference.Breaker with { ResetAfter = resetAfter } };
        var setup = new RowSetup("a", 20_000, DgxA100, Llama70bA100, new EngineLimits(2048, 512, 1_000_000),
            [RequestPriority.High, RequestPriority.High], 1, ControlPolicy.None, settings, CreateTestProbe("recorder").Ref);
        var row = ActorOf(Props.Create(() => new Facility(setup)), "dc");
        Advance(TimeSpan.FromMilliseconds(10));
        return row;
    }

    // The control experiment: without a trip, requests alternate over the two servers (join the shortest queue).
    [Fact]
    public void Requests_join_the_shortest_queue()
    {
        var row = Row(TimeSpan.Zero);
        var requester = CreateTestProbe("requester");
        var servers = new List<string>();
        for (var id = 1; id <= 3; id++)
        {
            requester.Send(row, Submit(id));
            requester.ExpectMsg<FirstToken>();
            servers.Add(requester.LastSender.Path.ToString());
        }

        Assert.NotEqual(servers[0], servers[1]);
        Assert.Equal(servers[0], servers[2]);
    }

    [Fact]
    public void After_a_breaker_trip_and_reset_requests_spread_over_the_emptied_servers_again()
    {
        var row = Row(TimeSpan.FromSeconds(10));
        var before = CreateTestProbe("before");
        var after = CreateTestProbe("after");

        // Three long requests: server 0 gets two, server 1 one (counts [2, 1]).
        for (var id = 1; id <= 3; id++) before.Send(row, Submit(id));
        for (var i = 0; i < 3; i++) before.ExpectMsg<FirstToken>();
        Advance(TimeSpan.FromSeconds(1));

        // The breaker trips: every request fails; the row resets 10 s later with empty servers.
        row.Tell(new BreakerTripped(Sys.Clock.Elapsed.Ticks, 1.5), ActorRefs.NoSender);
        for (var i = 0; i < 3; i++) Assert.Equal("breaker-trip", before.ExpectMsg<RequestFailed>().Reason);
        Advance(TimeSpan.FromSeconds(11));

        // Two new requests on two empty servers must go one each.
        after.Send(row, Submit(4));
        after.ExpectMsg<FirstToken>();
        var first = after.LastSender;
        after.Send(row, Submit(5));
        after.ExpectMsg<FirstToken>();
        var second = after.LastSender;
        Assert.NotEqual(first.Path.ToString(), second.Path.ToString());
    }
}
