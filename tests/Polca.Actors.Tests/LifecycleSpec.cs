using System.Collections.Concurrent;
using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Lifecycle: hooks, PoisonPill, Kill, Identify, stopping children (bottom-up), names.</summary>
public sealed class LifecycleSpec : TestKit.TestKit
{
    /// <summary>Reports PreStart, each string message and PostStop; creates named children on "child:name".</summary>
    private sealed class Node : ReceiveActor
    {
        private readonly string _name;
        private readonly ConcurrentQueue<string> _log;

        public Node(string name, ConcurrentQueue<string> log, IActorRef report, params string[] children)
        {
            _name = name;
            _log = log;
            foreach (var child in children)
                Context.ActorOf(Props.Create(() => new Node($"{name}/{child}", log, report, Array.Empty<string>())), child);
            Receive<string>(s => s == "children", _ => Sender.Tell(Context.GetChildren().Select(c => c.Path.Name).OrderBy(n => n).ToArray(), Self));
            Receive<string>(s => s.StartsWith("stop:", StringComparison.Ordinal), s => Context.Stop(Context.Child(s[5..])));
            Receive<string>(s => s.StartsWith("child?", StringComparison.Ordinal), s => Sender.Tell(Context.Child(s[6..]), Self));
            Receive<string>(s => s == "stop-self", _ => Context.Stop(Self));
            Receive<string>(s => s == "parent", _ => Sender.Tell(Context.Parent, Self));
            Receive<string>(s => report.Tell($"{_name}:{s}", Self));
        }

        protected override void PreStart() => _log.Enqueue($"prestart {_name}");

        protected override void PostStop() => _log.Enqueue($"poststop {_name}");
    }

    private IActorRef NewNode(string name, ConcurrentQueue<string> log, params string[] children) =>
        Sys.ActorOf(Props.Create(() => new Node(name, log, TestActor, children)), name);

    [Fact]
    public void PreStart_runs_before_the_first_message_and_PostStop_after_the_last()
    {
        var log = new ConcurrentQueue<string>();
        var node = NewNode("a", log);
        node.Tell("hello", TestActor);
        ExpectMsg("a:hello");
        Assert.Equal(["prestart a"], log.ToArray());
        Watch(node);
        Sys.Stop(node);
        ExpectTerminated(node);
        Assert.Equal(["prestart a", "poststop a"], log.ToArray());
    }

    [Fact]
    public void PoisonPill_stops_after_the_messages_before_it_and_later_ones_become_dead_letters()
    {
        var node = NewNode("a", new ConcurrentQueue<string>());
        Watch(node);
        EventFilter.DeadLetter<string>().Expect(2, () =>
        {
            node.Tell("1", TestActor);
            node.Tell("2", TestActor);
            node.Tell(PoisonPill.Instance, TestActor);
            node.Tell("3", TestActor);
            node.Tell("4", TestActor);
        });
        ExpectMsg("a:1");
        ExpectMsg("a:2");
        ExpectTerminated(node);
    }

    [Fact]
    public void Kill_stops_the_actor_through_its_supervisor()
    {
        var log = new ConcurrentQueue<string>();
        var node = NewNode("a", log);
        Watch(node);
        EventFilter.Exception<ActorKilledException>().ExpectOne(() => node.Tell(Kill.Instance, TestActor));
        ExpectTerminated(node);
        Assert.Equal(["prestart a", "poststop a"], log.ToArray());
    }

    [Fact]
    public void Identify_answers_with_the_message_id_and_the_actor()
    {
        var node = NewNode("a", new ConcurrentQueue<string>());
        node.Tell(new Identify(42), TestActor);
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal(42, identity.MessageId);
        Assert.Equal(node, identity.Subject);
    }

    [Fact]
    public void Identify_sent_to_a_stopped_actor_answers_with_no_subject()
    {
        var node = NewNode("a", new ConcurrentQueue<string>());
        Watch(node);
        Sys.Stop(node);
        ExpectTerminated(node);
        node.Tell(new Identify("late"), TestActor);
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal("late", identity.MessageId);
        Assert.Null(identity.Subject);
    }

    [Fact]
    public void Stopping_an_actor_stops_its_children_first_and_runs_PostStop_bottom_up()
    {
        var log = new ConcurrentQueue<string>();
        var root = Sys.ActorOf(Props.Create(() => new Tree(log, TestActor)), "root");
        ExpectMsg("built");
        Watch(root);
        Sys.Stop(root);
        ExpectTerminated(root);

        var stops = log.Where(l => l.StartsWith("poststop", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, stops.Count);
        int At(string who) => stops.IndexOf($"poststop {who}");
        Assert.True(At("root/a/x") < At("root/a"), string.Join(", ", stops));
        Assert.True(At("root/a/y") < At("root/a"), string.Join(", ", stops));
        Assert.True(At("root/a") < At("root"), string.Join(", ", stops));
        Assert.True(At("root/b") < At("root"), string.Join(", ", stops));
        Assert.Equal("poststop root", stops[^1]);
    }

    /// <summary>root with children a (with x and y) and b.</summary>
    private sealed class Tree : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _log;

        public Tree(ConcurrentQueue<string> log, IActorRef report)
        {
            _log = log;
            Context.ActorOf(Props.Create(() => new Node("root/a", log, report, "x", "y")), "a");
            Context.ActorOf(Props.Create(() => new Node("root/b", log, report, Array.Empty<string>())), "b");
            report.Tell("built", Self);
        }

        protected override void PostStop() => _log.Enqueue("poststop root");
    }

    [Fact]
    public void Context_Stop_of_a_child_stops_it_and_forgets_it()
    {
        var log = new ConcurrentQueue<string>();
        var parent = NewNode("p", log, "c1", "c2");
        parent.Tell("children", TestActor);
        Assert.Equal(["c1", "c2"], ExpectMsg<string[]>());
        parent.Tell("child?c1", TestActor);
        var c1 = ExpectMsg<IActorRef>();
        Watch(c1);

        parent.Tell("stop:c1", TestActor);
        ExpectTerminated(c1);
        AwaitQuiescence();
        parent.Tell("children", TestActor);
        Assert.Equal(["c2"], ExpectMsg<string[]>());
        Assert.Contains("poststop p/c1", log);
    }

    [Fact]
    public void Child_returns_Nobody_for_an_unknown_name()
    {
        var parent = NewNode("p", new ConcurrentQueue<string>(), "c1");
        parent.Tell("child?missing", TestActor);
        Assert.Same(ActorRefs.Nobody, ExpectMsg<IActorRef>());
        parent.Tell("child?c1", TestActor);
        Assert.Equal(parent.Path / "c1", ExpectMsg<IActorRef>().Path);
    }

    [Fact]
    public void An_actor_can_stop_itself()
    {
        var log = new ConcurrentQueue<string>();
        var node = NewNode("a", log);
        Watch(node);
        node.Tell("stop-self", TestActor);
        ExpectTerminated(node);
        Assert.Equal(["prestart a", "poststop a"], log.ToArray());
    }

    [Fact]
    public void Stopping_twice_is_harmless()
    {
        var log = new ConcurrentQueue<string>();
        var node = NewNode("a", log);
        Watch(node);
        Sys.Stop(node);
        Sys.Stop(node);
        ExpectTerminated(node);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Single(log, "poststop a");
    }

    [Fact]
    public void The_parent_of_a_top_level_actor_is_the_user_guardian()
    {
        var node = NewNode("a", new ConcurrentQueue<string>());
        node.Tell("parent", TestActor);
        Assert.Equal("/user", ExpectMsg<IActorRef>().Path.ToStringWithoutAddress());
    }

    [Fact]
    public void A_duplicate_name_is_rejected()
    {
        NewNode("twin", new ConcurrentQueue<string>());
        Assert.Throws<InvalidActorNameException>(() => NewNode("twin", new ConcurrentQueue<string>()));
    }

    [Fact]
    public void A_duplicate_child_name_is_rejected_inside_an_actor()
    {
        Sys.ActorOf(Props.Create(() => new DuplicateChildren(TestActor)));
        ExpectMsg<InvalidActorNameException>();
    }

    private sealed class DuplicateChildren : ReceiveActor
    {
        public DuplicateChildren(IActorRef report)
        {
            Context.ActorOf(Props.Create(() => new DuplicateChildrenLeaf()), "same");
            try
            {
                Context.ActorOf(Props.Create(() => new DuplicateChildrenLeaf()), "same");
                report.Tell("created twice", Self);
            }
            catch (InvalidActorNameException e)
            {
                report.Tell(e, Self);
            }
        }
    }

    private sealed class DuplicateChildrenLeaf : ReceiveActor;

    [Theory]
    [InlineData("")]
    [InlineData("$reserved")]
    [InlineData("a/b")]
    [InlineData("with space")]
    [InlineData("ümlaut")]
    [InlineData("hash#1")]
    public void An_invalid_name_is_rejected(string name)
    {
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<DuplicateChildrenLeaf>(), name));
    }

    [Theory]
    [InlineData("simple")]
    [InlineData("with-dash_and.dot")]
    [InlineData("symbols:@&=+,!~*'();")]
    public void A_valid_name_is_accepted(string name)
    {
        Assert.Equal(name, Sys.ActorOf(Props.Create<DuplicateChildrenLeaf>(), name).Path.Name);
    }

    [Fact]
    public void Generated_names_are_unique_and_start_with_a_dollar()
    {
        var names = Enumerable.Range(0, 100).Select(_ => Sys.ActorOf(Props.Create<DuplicateChildrenLeaf>()).Path.Name).ToList();
        Assert.All(names, n => Assert.StartsWith("$", n));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task Terminating_the_system_stops_every_actor_bottom_up()
    {
        var log = new ConcurrentQueue<string>();
        using var other = ActorSystem.Create("lifecycle", TestKit.TestKit.DefaultSettings);
        var report = other.ActorOf(Props.Create<DuplicateChildrenLeaf>());
        other.ActorOf(Props.Create(() => new Node("p", log, report, new[] { "c" })), "p");
        other.VirtualTime!.WaitForQuiescence();
        await other.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["poststop p/c", "poststop p"], log.Where(l => l.StartsWith("poststop", StringComparison.Ordinal)).ToArray());
    }
}
