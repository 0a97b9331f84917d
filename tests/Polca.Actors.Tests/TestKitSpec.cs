using Polca.Actors.Event;
using Polca.TestKit;
using Xunit.Sdk;

namespace Polca.Actors.Tests;

/// <summary>The TestKit itself: expectations pass and fail as they should, on virtual time.</summary>
public sealed class TestKitSpec : TestKit.TestKit
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    private void TellLater(double seconds, object message) => Sys.Scheduler.ScheduleTellOnce(Seconds(seconds), TestActor, message, TestActor);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    private sealed class Logger : ReceiveActor
    {
        public Logger() => Receive<string>(s => Context.GetLogger().Warning(s));
    }

    // ----- ExpectMsg and friends -----

    [Fact]
    public void ExpectMsg_fails_when_nothing_arrives_in_time()
    {
        TellLater(5, "late");
        var e = Assert.Throws<XunitException>(() => ExpectMsg("late", timeout: Seconds(2)));
        Assert.Contains("Timeout", e.Message);
        Assert.Equal(Seconds(2), Sys.Clock.Elapsed);
    }

    [Fact]
    public void ExpectMsg_fails_on_a_different_value_or_type()
    {
        TestActor.Tell("actual", TestActor);
        Assert.Throws<XunitException>(() => ExpectMsg("expected"));
        TestActor.Tell(42, TestActor);
        Assert.Throws<XunitException>(() => ExpectMsg<string>());
    }

    [Fact]
    public void ExpectMsg_with_a_predicate_or_an_assertion()
    {
        TestActor.Tell(7, TestActor);
        Assert.Equal(7, ExpectMsg<int>(i => i > 5));
        TestActor.Tell(3, TestActor);
        Assert.Throws<XunitException>(() => ExpectMsg<int>(i => i > 5));
        TestActor.Tell(9, TestActor);
        ExpectMsg<int>(i => Assert.Equal(9, i));
    }

    [Fact]
    public void ExpectMsgFrom_checks_the_sender()
    {
        var probe = CreateTestProbe();
        TestActor.Tell("hi", probe.Ref);
        ExpectMsgFrom<string>(probe.Ref);
        TestActor.Tell("hi", TestActor);
        Assert.Throws<XunitException>(() => ExpectMsgFrom<string>(probe.Ref));
    }

    [Fact]
    public void ExpectMsgAllOf_accepts_any_order_but_nothing_else()
    {
        foreach (var m in new[] { "c", "a", "b" }) TestActor.Tell(m, TestActor);
        ExpectMsgAllOf(new[] { "a", "b", "c" });
        foreach (var m in new[] { "a", "x" }) TestActor.Tell(m, TestActor);
        Assert.Throws<XunitException>(() => ExpectMsgAllOf(new[] { "a", "b" }));
    }

    [Fact]
    public void ExpectNoMsg_passes_when_nothing_arrives_and_moves_the_clock_by_its_duration()
    {
        TellLater(10, "much later");
        ExpectNoMsg(Seconds(3));
        Assert.Equal(Seconds(3), Sys.Clock.Elapsed);
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives_within_the_duration()
    {
        TellLater(2, "intruder");
        var e = Assert.Throws<XunitException>(() => ExpectNoMsg(Seconds(3)));
        Assert.Contains("intruder", e.Message);
    }

    [Fact]
    public void ReceiveN_returns_the_messages_in_order_and_fails_when_too_few_arrive()
    {
        for (var i = 0; i < 5; i++) TellLater(i, i);
        Assert.Equal(new object[] { 0, 1, 2, 3, 4 }, ReceiveN(5, Seconds(10)));
        TestActor.Tell("only one", TestActor);
        Assert.Throws<XunitException>(() => ReceiveN(2, Seconds(1)));
    }

    [Fact]
    public void FishForMessage_skips_until_a_match()
    {
        for (var i = 0; i < 5; i++) TestActor.Tell(i, TestActor);
        TestActor.Tell("the fish", TestActor);
        TestActor.Tell("after", TestActor);
        Assert.Equal("the fish", FishForMessage<string>());
        ExpectMsg("after");
    }

    [Fact]
    public void FishForMessage_fails_when_no_message_matches_in_time()
    {
        TestActor.Tell(1, TestActor);
        TellLater(1, 2);
        Assert.Throws<XunitException>(() => FishForMessage(m => m is string, Seconds(2)));
        Assert.Equal(Seconds(2), Sys.Clock.Elapsed);
    }

    [Fact]
    public void ReceiveWhile_collects_matching_messages_and_stops_at_the_first_other()
    {
        foreach (var m in new object[] { 1, 2, 3, "stop", 4 }) TestActor.Tell(m, TestActor);
        Assert.Equal([1, 2, 3], ReceiveWhile<int>(timeout: Seconds(1)));
        ExpectMsg("stop");
        ExpectMsg(4);
    }

    [Fact]
    public void IgnoreMessages_drops_matching_messages()
    {
        IgnoreMessages<int>(i => i < 0);
        TestActor.Tell(-1, TestActor);
        TestActor.Tell(1, TestActor);
        ExpectMsg(1);
        IgnoreMessages(null);
        TestActor.Tell(-2, TestActor);
        ExpectMsg(-2);
    }

    // ----- Within -----

    [Fact]
    public void Within_passes_when_the_block_takes_between_min_and_max_of_virtual_time()
    {
        TellLater(2.5, "in time");
        Within(Seconds(2), Seconds(3), () => ExpectMsg("in time"));
        Assert.Equal(Seconds(2.5), Sys.Clock.Elapsed);
    }

    [Fact]
    public void Within_fails_when_the_block_is_faster_than_min()
    {
        TestActor.Tell("at once", TestActor);
        var e = Assert.Throws<XunitException>(() => Within(Seconds(1), Seconds(3), () => ExpectMsg("at once")));
        Assert.Contains("less than the minimum", e.Message);
    }

    [Fact]
    public void Within_bounds_the_expectations_inside_it_by_max()
    {
        TellLater(5, "too late");
        Assert.Throws<XunitException>(() => Within(Seconds(2), () => ExpectMsg("too late")));
        Assert.Equal(Seconds(2), Sys.Clock.Elapsed);
    }

    [Fact]
    public void Remaining_counts_down_inside_Within()
    {
        Within(Seconds(10), () =>
        {
            Assert.Equal(Seconds(10), Remaining);
            Advance(Seconds(4));
            Assert.Equal(Seconds(6), Remaining);
        });
        Assert.Throws<InvalidOperationException>(() => Remaining);
    }

    // ----- AwaitCondition, AwaitAssert, AwaitResult -----

    [Fact]
    public void AwaitCondition_runs_the_system_until_the_condition_holds()
    {
        var flag = false;
        Sys.Scheduler.Advanced.ScheduleOnce(Seconds(4), () => flag = true);
        AwaitCondition(() => flag, Seconds(10));
        Assert.Equal(Seconds(4), Sys.Clock.Elapsed);
    }

    [Fact]
    public void AwaitCondition_fails_when_the_condition_never_holds()
    {
        var e = Assert.Throws<XunitException>(() => AwaitCondition(() => false, Seconds(3), "never"));
        Assert.Contains("never", e.Message);
        Assert.Equal(Seconds(3), Sys.Clock.Elapsed);
    }

    [Fact]
    public void AwaitAssert_retries_until_the_assertion_passes()
    {
        var count = 0;
        Sys.Scheduler.Advanced.ScheduleRepeatedly(Seconds(1), Seconds(1), () => Interlocked.Increment(ref count));
        AwaitAssert(() => Assert.True(Volatile.Read(ref count) >= 3), Seconds(10));
        Assert.Equal(Seconds(3), Sys.Clock.Elapsed);
    }

    [Fact]
    public void AwaitAssert_rethrows_the_last_failure_when_it_never_passes()
    {
        Assert.ThrowsAny<XunitException>(() => AwaitAssert(() => Assert.Equal(1, 2), Seconds(1)));
    }

    [Fact]
    public void AwaitResult_fails_when_the_task_does_not_complete_in_time()
    {
        var never = new TaskCompletionSource<int>();
        Assert.Throws<XunitException>(() => AwaitResult(never.Task, Seconds(2)));
        Assert.Equal(Seconds(2), Sys.Clock.Elapsed);
    }

    [Fact]
    public void AwaitResult_of_a_plain_task_rethrows_its_exception()
    {
        Assert.Throws<InvalidOperationException>(() => AwaitResult(Task.FromException(new InvalidOperationException("x"))));
        AwaitResult(Task.CompletedTask);
    }

    // ----- EventFilter -----

    [Fact]
    public void EventFilter_counts_exactly()
    {
        var logger = Sys.ActorOf(Props.Create<Logger>());
        EventFilter.Warning("w").Expect(2, () =>
        {
            logger.Tell("w", TestActor);
            logger.Tell("w", TestActor);
        });
        Assert.Throws<XunitException>(() => EventFilter.Warning("w").Expect(2, () =>
        {
            for (var i = 0; i < 3; i++) logger.Tell("w", TestActor);
        }));
        Assert.Throws<XunitException>(() => EventFilter.Warning("w").Expect(2, () => logger.Tell("w", TestActor), Seconds(1)));
    }

    [Fact]
    public void EventFilter_matches_by_message_substring_and_source()
    {
        var logger = Sys.ActorOf(Props.Create<Logger>(), "logger");
        EventFilter.Warning(contains: "disk").ExpectOne(() =>
        {
            logger.Tell("disk almost full", TestActor);
            logger.Tell("cpu hot", TestActor);
        });
        EventFilter.Warning(source: logger.Path.ToString()).ExpectOne(() => logger.Tell("anything", TestActor));
        Assert.Equal(0, EventFilter.Warning(source: "elsewhere").Count(() => logger.Tell("anything", TestActor)));
    }

    [Fact]
    public void EventFilter_Count_returns_how_many_matched()
    {
        var logger = Sys.ActorOf(Props.Create<Logger>());
        Assert.Equal(3, EventFilter.Custom(e => e is Warning).Count(() =>
        {
            for (var i = 0; i < 3; i++) logger.Tell("x", TestActor);
        }));
    }

    [Fact]
    public void ExpectOne_returns_the_value_of_the_block()
    {
        var logger = Sys.ActorOf(Props.Create<Logger>());
        var result = EventFilter.Warning().ExpectOne(() =>
        {
            logger.Tell("x", TestActor);
            return 17;
        });
        Assert.Equal(17, result);
    }

    // ----- probes -----

    [Fact]
    public void Probes_have_their_own_queues()
    {
        var a = CreateTestProbe("a");
        var b = CreateTestProbe("b");
        a.Ref.Tell("for a", TestActor);
        b.Ref.Tell("for b", TestActor);
        b.ExpectMsg("for b");
        a.ExpectMsg("for a");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal("a", a.Ref.Path.Name);
        Assert.Equal(TestActor, a.LastSender);
    }

    [Fact]
    public void A_probe_can_send_reply_and_forward()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var probe = CreateTestProbe();
        probe.Send(echo, "ping");
        probe.ExpectMsg("ping");
        Assert.Equal(echo, probe.LastSender);

        probe.Ref.Tell("question", TestActor);
        probe.ExpectMsg("question");
        probe.Reply("answer");
        ExpectMsg("answer");
        Assert.Equal(probe.Ref, LastSender);

        var other = CreateTestProbe();
        probe.Ref.Tell("pass it on", TestActor);
        probe.ExpectMsg("pass it on");
        probe.Forward(other.Ref);
        other.ExpectMsg("pass it on");
        Assert.Equal(TestActor, other.LastSender);
    }

    [Fact]
    public void A_probe_watches_and_unwatches()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var watching = CreateTestProbe();
        var unwatched = CreateTestProbe();
        watching.Watch(echo);
        unwatched.Watch(echo);
        unwatched.Unwatch(echo);
        Sys.Stop(echo);
        watching.ExpectTerminated(echo);
        unwatched.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    // ----- time -----

    [Fact]
    public void Advance_and_AdvanceTo_fire_timers_in_order()
    {
        TellLater(3, "three");
        TellLater(1, "one");
        TellLater(2, "two");
        Advance(Seconds(1.5));
        AdvanceTo(Seconds(3));
        Assert.Equal(new object[] { "one", "two", "three" }, ReceiveN(3, TimeSpan.Zero));
        Assert.Equal(Seconds(3), Sys.Clock.Elapsed);
        Assert.Equal(Sys.Clock.Start + Seconds(3), Now);
    }
}
