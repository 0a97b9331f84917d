using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Ask (reply, failure, timeout on virtual time, wrong type, cancellation) and PipeTo.</summary>
public sealed class AskSpec : TestKit.TestKit
{
    private sealed record Fail(string Reason);

    private sealed record Forward(IActorRef To, object Message);

    /// <summary>Replies to strings, fails on <see cref="Fail"/>, ignores "silence", forwards <see cref="Forward"/>.</summary>
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(s => s == "silence", _ => { });
            Receive<string>(s => Sender.Tell(s.ToUpperInvariant(), Self));
            Receive<int>(i => Sender.Tell(i * 2, Self));
            Receive<Fail>(f => Sender.Tell(new Status.Failure(new InvalidOperationException(f.Reason)), Self));
            Receive<Forward>(f => f.To.Tell(f.Message, Sender));
        }
    }

    /// <summary>Asks another actor and pipes the answer (or the failure) to a target.</summary>
    private sealed class Piper : ReceiveActor
    {
        public Piper(IActorRef other, IActorRef target)
        {
            Receive<string>(s => other.Ask<string>(s, TimeSpan.FromSeconds(2)).PipeTo(target, Self));
            Receive<Fail>(f => other.Ask<string>(f, TimeSpan.FromSeconds(2)).PipeTo(target, Self,
                success: r => "unexpected " + r, failure: e => "failed: " + e.Message));
        }
    }

    [Fact]
    public void Ask_completes_with_the_reply()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        Assert.Equal("HELLO", AwaitResult(replier.Ask<string>("hello", TimeSpan.FromSeconds(3))));
    }

    [Fact]
    public async Task Ask_can_be_awaited_from_the_test()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        Assert.Equal(42, await replier.Ask<int>(21, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Ask_untyped_returns_the_reply_as_an_object()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        Assert.Equal(8, AwaitResult(replier.Ask(4, TimeSpan.FromSeconds(3))));
    }

    [Fact]
    public void Ask_with_a_status_failure_reply_faults_the_task_with_its_cause()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var task = replier.Ask<string>(new Fail("nope"), TimeSpan.FromSeconds(3));
        var e = Assert.Throws<InvalidOperationException>(() => AwaitResult(task));
        Assert.Equal("nope", e.Message);
    }

    [Fact]
    public void Ask_times_out_with_AskTimeoutException_when_virtual_time_reaches_the_timeout()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var start = Sys.Clock.Elapsed;
        var task = replier.Ask<string>("silence", TimeSpan.FromSeconds(2));
        AwaitQuiescence();
        Assert.False(task.IsCompleted, "virtual time has not moved, so the ask cannot have timed out");

        Assert.Throws<AskTimeoutException>(() => AwaitResult(task, TimeSpan.FromSeconds(10)));
        Assert.Equal(start + TimeSpan.FromSeconds(2), Sys.Clock.Elapsed);
    }

    [Fact]
    public void Ask_times_out_when_the_test_advances_virtual_time()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var task = replier.Ask<string>("silence", TimeSpan.FromSeconds(5));
        Advance(TimeSpan.FromSeconds(4));
        Assert.False(task.IsCompleted);
        Advance(TimeSpan.FromSeconds(1));
        Assert.Throws<AskTimeoutException>(() => AwaitResult(task, TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void Ask_with_a_reply_of_the_wrong_type_fails_with_InvalidCastException()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var task = replier.Ask<int>("text", TimeSpan.FromSeconds(3));
        Assert.Throws<InvalidCastException>(() => AwaitResult(task));
    }

    [Fact]
    public void Ask_unwraps_a_status_success_payload()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var task = replier.Ask<string>(new Forward(TestActor, "question"), TimeSpan.FromSeconds(3));
        ExpectMsg("question");
        LastSender.Tell(new Status.Success("answer"), TestActor);
        Assert.Equal("answer", AwaitResult(task));
    }

    [Fact]
    public void Ask_is_cancelled_by_its_cancellation_token()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        using var cts = new CancellationTokenSource();
        var task = replier.Ask<string>("silence", TimeSpan.FromSeconds(30), cts.Token);
        AwaitQuiescence();
        Assert.False(task.IsCompleted);
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => AwaitResult(task));
        Assert.True(task.IsCanceled);
    }

    [Fact]
    public void Ask_with_an_already_cancelled_token_is_cancelled()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var task = replier.Ask<string>("silence", TimeSpan.FromSeconds(30), new CancellationToken(true));
        Assert.ThrowsAny<OperationCanceledException>(() => AwaitResult(task));
    }

    [Fact]
    public void Ask_with_a_non_positive_timeout_fails()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        Assert.Throws<ArgumentOutOfRangeException>(() => AwaitResult(replier.Ask<string>("x", TimeSpan.Zero)));
    }

    [Fact]
    public void The_temporary_sender_of_an_ask_is_unique_and_lives_under_temp()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var first = replier.Ask<string>(new Forward(TestActor, "one"), TimeSpan.FromSeconds(3));
        ExpectMsg("one");
        var firstSender = LastSender;
        var second = replier.Ask<string>(new Forward(TestActor, "two"), TimeSpan.FromSeconds(3));
        ExpectMsg("two");
        var secondSender = LastSender;

        Assert.NotEqual(firstSender, secondSender);
        Assert.Equal(["temp"], firstSender.Path.Parent.Elements);
        secondSender.Tell("b", TestActor);
        firstSender.Tell("a", TestActor);
        Assert.Equal("a", AwaitResult(first));
        Assert.Equal("b", AwaitResult(second));
    }

    [Fact]
    public void PipeTo_delivers_a_successful_result_with_the_given_sender()
    {
        var probe = CreateTestProbe();
        Task.FromResult("piped").PipeTo(TestActor, probe.Ref);
        ExpectMsg("piped");
        Assert.Equal(probe.Ref, LastSender);
    }

    [Fact]
    public void PipeTo_delivers_a_failure_as_status_failure()
    {
        Task.FromException<string>(new InvalidOperationException("broken")).PipeTo(TestActor);
        var failure = ExpectMsg<Status.Failure>();
        Assert.IsType<InvalidOperationException>(failure.Cause);
        Assert.Equal("broken", failure.Cause.Message);
    }

    [Fact]
    public void PipeTo_delivers_a_result_that_completes_later()
    {
        var source = new TaskCompletionSource<int>();
        source.Task.PipeTo(TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        source.SetResult(7);
        ExpectMsg(7);
    }

    [Fact]
    public void PipeTo_of_a_plain_task_sends_status_success()
    {
        Task.CompletedTask.PipeTo(TestActor);
        Assert.Null(ExpectMsg<Status.Success>().Payload);
    }

    [Fact]
    public void PipeTo_of_an_ask_inside_an_actor_delivers_the_reply()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var piper = Sys.ActorOf(Props.Create(() => new Piper(replier, TestActor)));
        piper.Tell("abc", TestActor);
        ExpectMsg("ABC");
        Assert.Equal(piper, LastSender);
    }

    [Fact]
    public void PipeTo_of_a_failed_ask_inside_an_actor_maps_the_failure()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var piper = Sys.ActorOf(Props.Create(() => new Piper(replier, TestActor)));
        piper.Tell(new Fail("bad"), TestActor);
        ExpectMsg("failed: bad");
    }

    [Fact]
    public void PipeTo_of_a_timed_out_ask_delivers_the_timeout()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var piper = Sys.ActorOf(Props.Create(() => new Piper(replier, TestActor)));
        piper.Tell("silence", TestActor);
        var failure = ExpectMsg<Status.Failure>(timeout: TimeSpan.FromSeconds(5));
        Assert.IsType<AskTimeoutException>(failure.Cause);
        Assert.Equal(TimeSpan.FromSeconds(2), Sys.Clock.Elapsed);
    }
}
