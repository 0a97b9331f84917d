using System.Text.Json;
using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Serialization of actor references: written as paths with uid, resolved back to equal refs or to dead letters.</summary>
public sealed class SerializationSpec : TestKit.TestKit
{
    private sealed record Envelope(string Text, IActorRef ReplyTo, IActorRef? Optional);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    private JsonSerializerOptions Options => new() { Converters = { new ActorRefJsonConverter(Sys) } };

    [Fact]
    public void SerializedActorPath_is_the_full_path_with_address_and_uid()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        Assert.Equal($"polca://{Sys.Name}/user/echo#{echo.Path.Uid}", Serialization.SerializedActorPath(echo, Sys));
    }

    [Fact]
    public void A_serialized_ref_resolves_back_to_an_equal_ref_that_delivers()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        var resolved = Sys.Provider.ResolveActorRef(Serialization.SerializedActorPath(echo, Sys));
        Assert.Equal(echo, resolved);
        Assert.Equal(echo.Path.Uid, resolved.Path.Uid);
        resolved.Tell("through the path", TestActor);
        ExpectMsg("through the path");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void A_ref_inside_a_json_message_round_trips()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        var json = JsonSerializer.Serialize(new Envelope("hi", echo, null), Options);
        Assert.Contains(Serialization.SerializedActorPath(echo, Sys), json);

        var back = JsonSerializer.Deserialize<Envelope>(json, Options)!;
        Assert.Equal("hi", back.Text);
        Assert.Equal(echo, back.ReplyTo);
        Assert.Null(back.Optional);
        back.ReplyTo.Tell("works", TestActor);
        ExpectMsg("works");
    }

    [Fact]
    public void Refs_of_children_and_of_the_test_actor_round_trip()
    {
        var json = JsonSerializer.Serialize(new Envelope("t", TestActor, Sys.DeadLetters), Options);
        var back = JsonSerializer.Deserialize<Envelope>(json, Options)!;
        Assert.Equal(TestActor, back.ReplyTo);
        Assert.Equal(Sys.DeadLetters, back.Optional);
    }

    [Fact]
    public void A_ref_of_a_stopped_incarnation_resolves_to_a_ref_whose_messages_are_dead_letters()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        var serialized = Serialization.SerializedActorPath(echo, Sys);
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);

        var resolved = Sys.Provider.ResolveActorRef(serialized);
        Assert.Equal(echo.Path, resolved.Path);
        EventFilter.DeadLetter<string>(s => s == "anyone?").ExpectOne(() => resolved.Tell("anyone?", TestActor));
    }

    [Fact]
    public void A_ref_of_an_old_incarnation_does_not_resolve_to_the_new_one()
    {
        var first = Sys.ActorOf(Props.Create<Echo>(), "echo");
        var serialized = Serialization.SerializedActorPath(first, Sys);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        AwaitQuiescence();
        var second = Sys.ActorOf(Props.Create<Echo>(), "echo");

        var resolved = Sys.Provider.ResolveActorRef(serialized);
        Assert.NotEqual(second, resolved);
        EventFilter.DeadLetter<string>().ExpectOne(() => resolved.Tell("old", TestActor));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_path_without_uid_resolves_to_the_current_incarnation()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        var resolved = Sys.Provider.ResolveActorRef(echo.Path.ToString());
        Assert.Equal(echo, resolved);
    }

    [Fact]
    public void An_unparsable_path_resolves_to_dead_letters()
    {
        Assert.Equal(Sys.DeadLetters, Sys.Provider.ResolveActorRef("not a path"));
    }

    [Fact]
    public void A_path_of_another_system_does_not_resolve_to_a_local_actor()
    {
        Sys.ActorOf(Props.Create<Echo>(), "echo");
        var resolved = Sys.Provider.ResolveActorRef("polca://other-system/user/echo");
        EventFilter.DeadLetter<string>().ExpectOne(() => resolved.Tell("lost", TestActor));
    }

    [Fact]
    public void A_json_value_that_is_not_a_string_is_rejected()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Envelope>("""{"Text":"x","ReplyTo":42,"Optional":null}""", Options));
    }
}
