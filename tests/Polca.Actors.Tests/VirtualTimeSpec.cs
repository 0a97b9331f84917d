using System.Collections.Concurrent;
using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>Virtual time: the clock moves only when advanced, timers fire in order with their cascades, and it never goes back.</summary>
public sealed class VirtualTimeSpec : TestKit.TestKit
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    /// <summary>On each tick reports the virtual time and schedules the next tick, <c>every</c> later, <c>count</c> times.</summary>
    private sealed class Chain : ReceiveActor
    {
        public Chain(IActorRef report, TimeSpan every, int count)
        {
            var left = count;
            Receive<string>(s => s == "tick", _ =>
            {
                report.Tell(Context.System.Clock.Elapsed, Self);
                if (--left > 0) Context.System.Scheduler.ScheduleTellOnce(every, Self, "tick", Self);
            });
        }
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    [Fact]
    public void A_test_system_runs_on_virtual_time_starting_at_its_start_time()
    {
        Assert.Equal(ClockMode.VirtualTime, Sys.Clock.Mode);
        Assert.NotNull(Sys.VirtualTime);
        Assert.Equal(TimeSpan.Zero, Sys.Clock.Elapsed);
        Assert.Equal(Sys.Clock.Start, Sys.Clock.Now);
    }

    [Fact]
    public void The_clock_does_not_move_unless_advanced()
    {
        Sys.Scheduler.ScheduleTellOnce(Seconds(1), TestActor, "later", TestActor);
        var echo = Sys.ActorOf(Props.Create<Echo>());
        for (var i = 0; i < 100; i++) echo.Tell(i, TestActor);
        ReceiveN(100);
        AwaitQuiescence();
        Assert.Equal(TimeSpan.Zero, Sys.Clock.Elapsed);
        Assert.Equal(1, Sys.VirtualTime!.PendingTimers);
        Assert.Equal(Sys.Clock.Start + Seconds(1), Sys.VirtualTime.NextTimerDue);
    }

    [Fact]
    public void Advance_moves_the_clock_by_exactly_the_duration_and_fires_due_timers_in_order()
    {
        var fired = new ConcurrentQueue<(int Id, TimeSpan At)>();
        foreach (var s in new[] { 3, 1, 2, 5 })
            Sys.Scheduler.Advanced.ScheduleOnce(Seconds(s), () => fired.Enqueue((s, Sys.Clock.Elapsed)));
        Advance(Seconds(4));
        Assert.Equal([(1, Seconds(1)), (2, Seconds(2)), (3, Seconds(3))], fired.ToArray());
        Assert.Equal(Seconds(4), Sys.Clock.Elapsed);
        Assert.Equal(Sys.Clock.Start + Seconds(5), Sys.VirtualTime!.NextTimerDue);
    }

    [Fact]
    public void Advance_lets_cascading_timers_inside_the_window_fire()
    {
        var fired = new ConcurrentQueue<TimeSpan>();
        void Next()
        {
            fired.Enqueue(Sys.Clock.Elapsed);
            Sys.Scheduler.Advanced.ScheduleOnce(Seconds(1), Next);
        }
        Sys.Scheduler.Advanced.ScheduleOnce(Seconds(1), Next);
        Advance(Seconds(3.5));
        Assert.Equal([Seconds(1), Seconds(2), Seconds(3)], fired.ToArray());
        Advance(Seconds(0.5));
        Assert.Equal([Seconds(1), Seconds(2), Seconds(3), Seconds(4)], fired.ToArray());
    }

    [Fact]
    public void Advance_lets_actors_that_schedule_their_next_tick_run_through_the_window()
    {
        var chain = Sys.ActorOf(Props.Create(() => new Chain(TestActor, Seconds(1), 10)));
        chain.Tell("tick", TestActor);
        Advance(Seconds(5.5));
        var times = ReceiveWhile<TimeSpan>(timeout: TimeSpan.Zero);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => Seconds(i)), times);
        Assert.Equal(Seconds(5.5), Sys.Clock.Elapsed);
    }

    [Fact]
    public void A_timer_added_at_exactly_the_target_by_a_cascade_fires()
    {
        var fired = new ConcurrentQueue<TimeSpan>();
        Sys.Scheduler.Advanced.ScheduleOnce(Seconds(1), () =>
            Sys.Scheduler.Advanced.ScheduleOnce(Seconds(1), () => fired.Enqueue(Sys.Clock.Elapsed)));
        Advance(Seconds(2));
        Assert.Equal([Seconds(2)], fired.ToArray());
    }

    [Fact]
    public void AdvanceTo_moves_the_clock_to_the_instant_and_fires_a_timer_due_exactly_then()
    {
        Sys.Scheduler.ScheduleTellOnce(Seconds(10), TestActor, "due", TestActor);
        AdvanceTo(Sys.Clock.Start + Seconds(10));
        Assert.Equal(Seconds(10), Sys.Clock.Elapsed);
        ExpectMsg("due", timeout: TimeSpan.Zero);
        AdvanceTo(Seconds(12));
        Assert.Equal(Seconds(12), Sys.Clock.Elapsed);
    }

    [Fact]
    public void The_clock_is_monotonic()
    {
        var seen = new List<TimeSpan> { Sys.Clock.Elapsed };
        var random = new Random(7);
        for (var i = 0; i < 50; i++)
        {
            Sys.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(random.Next(0, 500)), () => { });
            Advance(TimeSpan.FromMilliseconds(random.Next(0, 300)));
            seen.Add(Sys.Clock.Elapsed);
        }
        Advance(TimeSpan.Zero);
        seen.Add(Sys.Clock.Elapsed);
        Assert.Equal(seen.OrderBy(t => t), seen);
    }

    [Fact]
    public void AdvanceTo_an_earlier_instant_throws_and_leaves_the_clock_alone()
    {
        Advance(Seconds(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdvanceTo(Seconds(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Advance(Seconds(-1)));
        Assert.Equal(Seconds(5), Sys.Clock.Elapsed);
    }

    [Fact]
    public void Expecting_a_message_advances_time_only_as_far_as_needed()
    {
        Sys.Scheduler.ScheduleTellOnce(Seconds(2), TestActor, "two", TestActor);
        Sys.Scheduler.ScheduleTellOnce(Seconds(7), TestActor, "seven", TestActor);
        ExpectMsg("two", timeout: Seconds(30));
        Assert.Equal(Seconds(2), Sys.Clock.Elapsed);
        ExpectMsg("seven", timeout: Seconds(30));
        Assert.Equal(Seconds(7), Sys.Clock.Elapsed);
    }

    [Fact]
    public void A_failed_expectation_moves_the_clock_to_its_deadline()
    {
        Assert.ThrowsAny<Exception>(() => ExpectMsg("never", timeout: Seconds(4)));
        Assert.Equal(Seconds(4), Sys.Clock.Elapsed);
    }

    /// <summary>A system on the real clock (pace 1): a trivial echo works with short timeouts, nothing sleeps.</summary>
    public sealed class RealTime : TestKit.TestKit
    {
        public RealTime() : base(DefaultSettings with { ClockMode = ClockMode.RealTime }) { }

        [Fact]
        public void An_echo_answers_on_real_time()
        {
            Assert.Equal(ClockMode.RealTime, Sys.Clock.Mode);
            Assert.Null(Sys.VirtualTime);
            var echo = Sys.ActorOf(Props.Create<Echo>());
            echo.Tell("hello", TestActor);
            ExpectMsg("hello", timeout: TimeSpan.FromSeconds(5));
            Assert.Equal(echo, LastSender);
        }

        [Fact]
        public void A_scheduled_tell_arrives_after_its_delay_on_real_time()
        {
            var before = Sys.Clock.Elapsed;
            Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(50), TestActor, "due", TestActor);
            ExpectMsg("due", timeout: TimeSpan.FromSeconds(5));
            Assert.True(Sys.Clock.Elapsed - before >= TimeSpan.FromMilliseconds(50));
        }

        [Fact]
        public void Ask_works_on_real_time()
        {
            var echo = Sys.ActorOf(Props.Create<Echo>());
            Assert.Equal(5, AwaitResult(echo.Ask<int>(5, TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(5)));
        }

        [Fact]
        public void Advancing_time_is_refused_on_real_time()
        {
            Assert.Throws<InvalidOperationException>(() => Advance(TimeSpan.FromSeconds(1)));
        }
    }
}
