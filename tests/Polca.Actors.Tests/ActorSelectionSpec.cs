using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Actor selection: absolute and relative paths, "..", wildcards, ResolveOne.</summary>
public sealed class ActorSelectionSpec : TestKit.TestKit
{
    private sealed record Select(string Path, object Message);

    /// <summary>Answers "who" with its name; creates the named children; tells selections relative to itself.</summary>
    private sealed class Node : ReceiveActor
    {
        public Node(params string[] children)
        {
            foreach (var child in children) Context.ActorOf(Props.Create(() => new Node()), child);
            Receive<string>(s => s == "who", _ => Sender.Tell(Self.Path.Name, Self));
            Receive<Select>(s => Context.ActorSelection(s.Path).Tell(s.Message, Sender));
        }
    }

    /// <summary>/user/top with children a, b and other; each child has x and y.</summary>
    private sealed class Parent : ReceiveActor
    {
        public Parent(string[] children, string[] grandchildren)
        {
            foreach (var child in children) Context.ActorOf(Props.Create(() => new Node(grandchildren)), child);
            Receive<string>(s => s == "who", _ => Sender.Tell(Self.Path.Name, Self));
            Receive<Select>(s => Context.ActorSelection(s.Path).Tell(s.Message, Sender));
        }
    }

    private IActorRef Tree()
    {
        var top = Sys.ActorOf(Props.Create(() => new Parent(new[] { "a", "b", "other" }, new[] { "x", "y" })), "top");
        AwaitQuiescence();
        return top;
    }

    [Fact]
    public void An_absolute_path_selects_the_actor()
    {
        Tree();
        Sys.ActorSelection("/user/top/a").Tell("who", TestActor);
        ExpectMsg("a");
        Sys.ActorSelection("/user/top/a/x").Tell("who", TestActor);
        ExpectMsg("x");
    }

    [Fact]
    public void A_full_address_path_selects_the_actor()
    {
        var top = Tree();
        Sys.ActorSelection($"{Sys.Provider.DefaultAddress}/user/top/b").Tell("who", TestActor);
        ExpectMsg("b");
        Sys.ActorSelection(top.Path / "other").Tell("who", TestActor);
        ExpectMsg("other");
    }

    [Fact]
    public void A_path_without_a_leading_slash_is_relative_to_the_user_guardian_from_outside()
    {
        Tree();
        Sys.ActorSelection("top/a/y").Tell("who", TestActor);
        ExpectMsg("y");
    }

    [Fact]
    public void A_relative_path_from_an_actor_selects_its_descendants()
    {
        var top = Tree();
        top.Tell(new Select("a/x", "who"), TestActor);
        ExpectMsg("x");
    }

    [Fact]
    public void Dot_dot_goes_to_the_parent()
    {
        var top = Tree();
        top.Tell(new Select("a/../b", "who"), TestActor);
        ExpectMsg("b");
        Sys.ActorSelection("/user/top/a/x").Tell(new Select("../../other", "who"), TestActor);
        ExpectMsg("other");
    }

    [Fact]
    public void A_star_wildcard_selects_every_matching_child()
    {
        Tree();
        Sys.ActorSelection("/user/top/*").Tell("who", TestActor);
        var names = ReceiveN(3).Cast<string>().OrderBy(n => n).ToArray();
        Assert.Equal(["a", "b", "other"], names);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_partial_wildcard_selects_only_matching_names()
    {
        Tree();
        Sys.ActorSelection("/user/top/*/x").Tell("who", TestActor);
        ExpectMsgAllOf(new[] { "x", "x", "x" });
        Sys.ActorSelection("/user/top/o*").Tell("who", TestActor);
        ExpectMsg("other");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_selection_keeps_the_original_sender()
    {
        Tree();
        var probe = CreateTestProbe();
        Sys.ActorSelection("/user/top/a").Tell("who", probe.Ref);
        probe.ExpectMsg("a");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_message_selected_to_no_actor_becomes_a_dead_letter()
    {
        Tree();
        EventFilter.DeadLetter<string>(s => s == "who").ExpectOne(() => Sys.ActorSelection("/user/top/missing").Tell("who", TestActor));
    }

    [Fact]
    public void ResolveOne_resolves_an_existing_actor_to_its_ref()
    {
        var top = Tree();
        var resolved = AwaitResult(Sys.ActorSelection("/user/top/a").ResolveOne(TimeSpan.FromSeconds(3)));
        Assert.Equal(top.Path / "a", resolved.Path);
        resolved.Tell("who", TestActor);
        ExpectMsg("a");
    }

    [Fact]
    public void ResolveOne_of_a_missing_actor_fails_with_ActorNotFoundException()
    {
        Tree();
        var task = Sys.ActorSelection("/user/top/missing").ResolveOne(TimeSpan.FromSeconds(3));
        Assert.Throws<ActorNotFoundException>(() => AwaitResult(task));
        Assert.Equal(TimeSpan.Zero, Sys.Clock.Elapsed);
    }

    [Fact]
    public void ResolveOne_of_a_missing_top_level_actor_fails_with_ActorNotFoundException()
    {
        var task = Sys.ActorSelection("/user/nobody").ResolveOne(TimeSpan.FromSeconds(3));
        Assert.Throws<ActorNotFoundException>(() => AwaitResult(task));
    }

    [Fact]
    public void Identify_through_a_selection_answers_for_each_match()
    {
        Tree();
        Sys.ActorSelection("/user/top/*").Tell(new Identify("q"), TestActor);
        var subjects = ReceiveN(3).Cast<ActorIdentity>().Select(i => i.Subject!.Path.Name).OrderBy(n => n).ToArray();
        Assert.Equal(["a", "b", "other"], subjects);
    }

    [Fact]
    public void PathString_and_Anchor_describe_the_selection()
    {
        var selection = Sys.ActorSelection("/user/top/a");
        Assert.Equal("/user/top/a", selection.PathString);
        Assert.Equal(Sys.Provider.RootPath, selection.Anchor.Path);
    }
}
