using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Actor paths and addresses: structure, formatting, parsing, equality and uids.</summary>
public sealed class ActorPathSpec : TestKit.TestKit
{
    private sealed class Parent : ReceiveActor
    {
        public Parent() => Receive<string>(name => Sender.Tell(Context.ActorOf(Props.Create(() => new Parent()), name), Self));
    }

    private IActorRef ChildOf(IActorRef parent, string name)
    {
        parent.Tell(name, TestActor);
        return ExpectMsg<IActorRef>();
    }

    [Fact]
    public void A_top_level_actor_lives_under_user_with_the_system_address()
    {
        var a = Sys.ActorOf(Props.Create<Parent>(), "a");
        Assert.Equal($"polca://{Sys.Name}/user/a", a.Path.ToString());
        Assert.Equal("/user/a", a.Path.ToStringWithoutAddress());
        Assert.Equal(new Address("polca", Sys.Name), a.Path.Address);
        Assert.Equal("a", a.Path.Name);
        Assert.Equal(2, a.Path.Depth);
        Assert.Equal(["user", "a"], a.Path.Elements);
    }

    [Fact]
    public void Children_extend_the_path_of_their_parent()
    {
        var a = Sys.ActorOf(Props.Create<Parent>(), "a");
        var b = ChildOf(a, "b");
        var c = ChildOf(b, "c");
        Assert.Equal("/user/a/b/c", c.Path.ToStringWithoutAddress());
        Assert.Equal(b.Path, c.Path.Parent);
        Assert.Equal(a.Path, c.Path.Parent.Parent);
        Assert.Equal(Sys.Provider.RootPath, c.Path.Root);
        Assert.Equal(a.Path / "b" / "c", c.Path);
        Assert.Equal(a.Path / new[] { "b", "c" }, c.Path);
    }

    [Fact]
    public void The_root_path_has_depth_zero_and_is_its_own_parent()
    {
        var root = Sys.Provider.RootPath;
        Assert.Equal(0, root.Depth);
        Assert.Same(root, root.Parent);
        Assert.Equal($"polca://{Sys.Name}/", root.ToString());
        Assert.Equal("/", root.ToStringWithoutAddress());
        Assert.Empty(root.Elements);
        Assert.Equal(ActorPath.UndefinedUid, root.Uid);
    }

    [Fact]
    public void Every_actor_gets_a_uid_and_the_serialization_format_carries_it()
    {
        var a = Sys.ActorOf(Props.Create<Parent>(), "a");
        var b = Sys.ActorOf(Props.Create<Parent>(), "b");
        Assert.NotEqual(ActorPath.UndefinedUid, a.Path.Uid);
        Assert.NotEqual(a.Path.Uid, b.Path.Uid);
        Assert.Equal($"polca://{Sys.Name}/user/a#{a.Path.Uid}", a.Path.ToSerializationFormat());
        Assert.Equal($"[polca://{Sys.Name}/user/a#{a.Path.Uid}]", a.ToString());
    }

    [Fact]
    public void A_new_incarnation_under_the_same_name_has_a_new_uid()
    {
        var first = Sys.ActorOf(Props.Create<Parent>(), "again");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        AwaitQuiescence();
        var second = Sys.ActorOf(Props.Create<Parent>(), "again");
        Assert.Equal(first.Path, second.Path);
        Assert.NotEqual(first.Path.Uid, second.Path.Uid);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Path_equality_ignores_the_uid_but_ref_equality_does_not()
    {
        var a = Sys.ActorOf(Props.Create<Parent>(), "a");
        var withoutUid = Sys.Provider.RootPath / "user" / "a";
        Assert.Equal(a.Path, withoutUid);
        Assert.Equal(a.Path.GetHashCode(), withoutUid.GetHashCode());
        Assert.True(a.Path == withoutUid);
        Assert.NotEqual(a.Path.Uid, withoutUid.Uid);
        Assert.Equal(a.Path.Uid, withoutUid.WithUid(a.Path.Uid).Uid);
        Assert.NotEqual(a.Path, Sys.Provider.RootPath / "user" / "b");
    }

    [Fact]
    public void Parse_reads_what_ToString_writes()
    {
        var a = Sys.ActorOf(Props.Create<Parent>(), "a");
        var b = ChildOf(a, "b");
        var parsed = ActorPath.Parse(b.Path.ToString());
        Assert.Equal(b.Path, parsed);
        Assert.Equal(ActorPath.UndefinedUid, parsed.Uid);

        var withUid = ActorPath.Parse(b.Path.ToSerializationFormat());
        Assert.Equal(b.Path, withUid);
        Assert.Equal(b.Path.Uid, withUid.Uid);
    }

    [Fact]
    public void Parse_reads_remote_addresses_with_host_and_port()
    {
        var path = ActorPath.Parse("polca.tcp://cluster@10.0.0.5:2552/user/row-A/rack-A01#17");
        Assert.Equal(new Address("polca.tcp", "cluster", "10.0.0.5", 2552), path.Address);
        Assert.True(path.Address.HasGlobalScope);
        Assert.Equal(["user", "row-A", "rack-A01"], path.Elements);
        Assert.Equal(17, path.Uid);
        Assert.Equal("polca.tcp://cluster@10.0.0.5:2552/user/row-A/rack-A01", path.ToString());
    }

    [Theory]
    [InlineData("not a path")]
    [InlineData("/user/a")]
    [InlineData("polca:///user/a")]
    [InlineData("polca://sys@host:notaport/user")]
    [InlineData("polca://sys/user/a#notanumber")]
    public void Parse_rejects_what_is_not_an_actor_path(string text)
    {
        Assert.Throws<FormatException>(() => ActorPath.Parse(text));
        Assert.False(ActorPath.TryParse(text, out _));
    }

    [Fact]
    public void Addresses_format_and_parse()
    {
        var local = new Address("polca", "sys");
        var remote = new Address("polca.tcp", "sys", "host", 1234);
        Assert.Equal("polca://sys", local.ToString());
        Assert.Equal("polca.tcp://sys@host:1234", remote.ToString());
        Assert.True(local.HasLocalScope);
        Assert.False(remote.HasLocalScope);
        Assert.Equal(local, Address.Parse("polca://sys"));
        Assert.Equal(remote, Address.Parse("polca.tcp://sys@host:1234"));
        Assert.Throws<FormatException>(() => Address.Parse("polca://sys/user"));
    }

    [Fact]
    public void ToSerializationFormatWithAddress_fills_in_the_address_of_a_local_path()
    {
        var a = Sys.ActorOf(Props.Create<Parent>(), "a");
        var remote = new Address("polca.tcp", Sys.Name, "host", 2552);
        Assert.Equal($"polca.tcp://{Sys.Name}@host:2552/user/a#{a.Path.Uid}", a.Path.ToSerializationFormatWithAddress(remote));
        var alreadyRemote = ActorPath.Parse("polca.tcp://other@h:1/user/x");
        Assert.Equal("polca.tcp://other@h:1/user/x", alreadyRemote.ToSerializationFormatWithAddress(remote));
    }

    [Fact]
    public void Paths_compare_by_their_text()
    {
        var root = Sys.Provider.RootPath;
        var paths = new[] { root / "user" / "b", root / "user" / "a", root / "system" };
        Assert.Equal(["/system", "/user/a", "/user/b"], paths.Order().Select(p => p.ToStringWithoutAddress()));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("row-A_01.rack", true)]
    [InlineData("$generated", false)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a#1", false)]
    public void IsValidPathElement_follows_the_actor_name_rules(string name, bool valid)
    {
        Assert.Equal(valid, ActorPath.IsValidPathElement(name));
    }

    [Fact]
    public void Special_refs_have_their_well_known_paths()
    {
        Assert.Equal("/deadLetters", Sys.DeadLetters.Path.ToStringWithoutAddress());
        Assert.Equal("/system", TestActor.Path.Parent.ToStringWithoutAddress());
        Assert.Equal("Nobody", ActorRefs.Nobody.Path.Name);
    }
}
