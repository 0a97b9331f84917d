using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Death watch: Terminated, WatchWith, Unwatch (also of a queued Terminated), late watches, death pacts.</summary>
public sealed class DeathWatchSpec : TestKit.TestKit
{
    private sealed record Stopped(string Who);

    private sealed class Idle : ReceiveActor
    {
        public Idle() => Receive<string>(s => s == "ping", _ => Sender.Tell("pong", Self));
    }

    /// <summary>Watches a subject (with a custom message when given) and reports what it gets.</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef subject, object? custom, IActorRef report)
        {
            if (custom is null) Context.Watch(subject);
            else Context.WatchWith(subject, custom);
            Receive<string>(s => s == "unwatch", _ =>
            {
                Context.Unwatch(subject);
                Sender.Tell("unwatched", Self);
            });
            ReceiveAny(m => report.Tell(m, Self));
        }
    }

    /// <summary>Watches a subject; "hold" waits in an async handler for <c>release</c>, then optionally unwatches.</summary>
    private sealed class HoldingWatcher : ReceiveActor
    {
        public HoldingWatcher(IActorRef subject, Task release, bool unwatchAfterRelease, IActorRef report)
        {
            Context.Watch(subject);
            ReceiveAsync<string>(async _ =>
            {
                await release;
                if (unwatchAfterRelease) Context.Unwatch(subject);
                report.Tell("released", Self);
            }, s => s == "hold");
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong", Self));
            Receive<Terminated>(t => report.Tell(t, Self));
        }
    }

    /// <summary>Watches a subject but does not handle Terminated.</summary>
    private sealed class Pact : ReceiveActor
    {
        public Pact(IActorRef subject)
        {
            Context.Watch(subject);
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong", Self));
        }
    }

    [Fact]
    public void A_watcher_gets_Terminated_when_the_subject_stops()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        Watch(subject);
        Sys.Stop(subject);
        var terminated = ExpectTerminated(subject);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public void An_actor_watching_another_gets_Terminated_in_its_behaviour()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        Sys.ActorOf(Props.Create(() => new Watcher(subject, null, TestActor)));
        AwaitQuiescence();
        subject.Tell(PoisonPill.Instance, TestActor);
        Assert.Equal(subject, ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void Every_watcher_is_told()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var probes = Enumerable.Range(0, 3).Select(_ => CreateTestProbe()).ToList();
        probes.ForEach(p => p.Watch(subject));
        Sys.Stop(subject);
        probes.ForEach(p => p.ExpectTerminated(subject));
    }

    [Fact]
    public void WatchWith_delivers_the_custom_message_instead_of_Terminated()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        Sys.ActorOf(Props.Create(() => new Watcher(subject, new Stopped("subject"), TestActor)));
        AwaitQuiescence();
        Sys.Stop(subject);
        Assert.Equal(new Stopped("subject"), ExpectMsg<Stopped>());
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unwatch_before_the_stop_means_no_Terminated()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(subject, null, TestActor)));
        watcher.Tell("unwatch", TestActor);
        ExpectMsg("unwatched");
        Sys.Stop(subject);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Unwatch_drops_a_Terminated_that_is_already_queued()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var release = new TaskCompletionSource();
        var watcher = Sys.ActorOf(Props.Create(() => new HoldingWatcher(subject, release.Task, true, TestActor)));
        AwaitQuiescence();
        watcher.Tell("hold", TestActor);
        subject.Tell(PoisonPill.Instance, TestActor);
        // The subject is gone and its Terminated waits in the watcher's mailbox behind the async handler.
        AwaitQuiescence();
        release.SetResult();
        ExpectMsg("released");
        watcher.Tell("ping", TestActor);
        ExpectMsg("pong");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Without_Unwatch_the_queued_Terminated_is_delivered_after_the_async_handler()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var release = new TaskCompletionSource();
        var watcher = Sys.ActorOf(Props.Create(() => new HoldingWatcher(subject, release.Task, false, TestActor)));
        AwaitQuiescence();
        watcher.Tell("hold", TestActor);
        subject.Tell(PoisonPill.Instance, TestActor);
        AwaitQuiescence();
        release.SetResult();
        ExpectMsg("released");
        Assert.Equal(subject, ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_gives_Terminated()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);

        var probe = CreateTestProbe();
        probe.Watch(subject);
        Assert.True(probe.ExpectTerminated(subject).ExistenceConfirmed);
    }

    [Fact]
    public void Watching_a_path_with_no_actor_gives_Terminated_without_confirmed_existence()
    {
        var nobody = Sys.Provider.ResolveActorRef(Sys.Provider.RootPath / "user" / "never-was");
        Watch(nobody);
        Assert.False(ExpectTerminated(nobody).ExistenceConfirmed);
    }

    [Fact]
    public void A_parent_watching_its_child_gets_Terminated_when_it_stops_the_child()
    {
        var parent = Sys.ActorOf(Props.Create(() => new StoppingParent(TestActor)));
        parent.Tell("stop-child", TestActor);
        Assert.Equal("child", ExpectMsg<Terminated>().ActorRef.Path.Name);
    }

    private sealed class StoppingParent : ReceiveActor
    {
        public StoppingParent(IActorRef report)
        {
            var child = Context.Watch(Context.ActorOf(Props.Create<Idle>(), "child"));
            Receive<string>(s => s == "stop-child", _ => Context.Stop(child));
            Receive<Terminated>(t => report.Tell(t, Self));
        }
    }

    [Fact]
    public void An_unhandled_Terminated_throws_DeathPactException_and_the_default_strategy_stops_the_watcher()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var pact = Sys.ActorOf(Props.Create(() => new Pact(subject)));
        Watch(pact);
        AwaitQuiescence();
        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(subject));
        ExpectTerminated(pact);
    }

    [Fact]
    public void Watching_again_with_a_different_message_fails()
    {
        var subject = Sys.ActorOf(Props.Create<Idle>());
        var watcher = Sys.ActorOf(Props.Create(() => new Rewatcher(subject, TestActor)));
        watcher.Tell("rewatch", TestActor);
        ExpectMsg<InvalidOperationException>();
    }

    private sealed class Rewatcher : ReceiveActor
    {
        public Rewatcher(IActorRef subject, IActorRef report)
        {
            Context.Watch(subject);
            Receive<string>(_ =>
            {
                try
                {
                    Context.WatchWith(subject, "custom");
                    report.Tell("no exception", Self);
                }
                catch (InvalidOperationException e)
                {
                    report.Tell(e, Self);
                }
            });
        }
    }
}
