using System.Collections.Concurrent;
using Polca.TestKit;

namespace Polca.Actors.Tests;

/// <summary>The scheduler on virtual time: one-off and repeated tells and actions, cancellation, same-instant order.</summary>
public sealed class SchedulerSpec : TestKit.TestKit
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void ScheduleTellOnce_delivers_exactly_at_the_delay()
    {
        var probe = CreateTestProbe();
        Sys.Scheduler.ScheduleTellOnce(Seconds(2), TestActor, "due", probe.Ref);
        ExpectNoMsg(Seconds(2) - TimeSpan.FromTicks(1));
        ExpectMsg("due", timeout: Seconds(1));
        Assert.Equal(Seconds(2), Sys.Clock.Elapsed);
        Assert.Equal(probe.Ref, LastSender);
    }

    [Fact]
    public void A_zero_delay_delivers_without_advancing_the_clock()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.Zero, TestActor, "now", TestActor);
        ExpectMsg("now");
        Assert.Equal(TimeSpan.Zero, Sys.Clock.Elapsed);
    }

    [Fact]
    public void ScheduleTellRepeatedly_delivers_after_the_initial_delay_and_then_every_interval()
    {
        Sys.Scheduler.ScheduleTellRepeatedly(Seconds(1), Seconds(2), TestActor, "tick", TestActor);
        var times = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            ExpectMsg("tick", timeout: Seconds(5));
            times.Add(Sys.Clock.Elapsed);
        }
        Assert.Equal([Seconds(1), Seconds(3), Seconds(5), Seconds(7)], times);
    }

    [Fact]
    public void A_cancelled_one_off_tell_is_never_delivered()
    {
        var cancelable = Sys.Scheduler.ScheduleTellOnceCancelable(Seconds(1), TestActor, "never", TestActor);
        Advance(Seconds(0.5));
        cancelable.Cancel();
        Assert.True(cancelable.IsCancellationRequested);
        ExpectNoMsg(Seconds(10));
    }

    [Fact]
    public void A_tell_cancelled_through_its_external_cancelable_is_never_delivered()
    {
        var cancelable = new Cancelable();
        Sys.Scheduler.ScheduleTellOnce(Seconds(1), TestActor, "never", TestActor, cancelable);
        cancelable.Cancel();
        ExpectNoMsg(Seconds(5));
    }

    [Fact]
    public void Cancelling_a_repeated_tell_stops_further_deliveries()
    {
        var cancelable = new Cancelable();
        Sys.Scheduler.ScheduleTellRepeatedly(Seconds(1), Seconds(1), TestActor, "tick", TestActor, cancelable);
        ExpectMsg("tick", timeout: Seconds(2));
        ExpectMsg("tick", timeout: Seconds(2));
        cancelable.Cancel();
        ExpectNoMsg(Seconds(10));
        Assert.Equal(Seconds(12), Sys.Clock.Elapsed);
    }

    [Fact]
    public void Cancelling_a_repeated_tell_made_cancelable_stops_it()
    {
        var cancelable = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(Seconds(1), Seconds(1), TestActor, "tick", TestActor);
        ExpectMsg("tick", timeout: Seconds(2));
        cancelable.Cancel();
        ExpectNoMsg(Seconds(10));
    }

    [Fact]
    public void ScheduleOnce_runs_the_action_at_the_due_time()
    {
        var ranAt = new ConcurrentQueue<TimeSpan>();
        Sys.Scheduler.Advanced.ScheduleOnce(Seconds(3), () => ranAt.Enqueue(Sys.Clock.Elapsed));
        Advance(Seconds(2));
        Assert.Empty(ranAt);
        Advance(Seconds(2));
        Assert.Equal([Seconds(3)], ranAt.ToArray());
    }

    [Fact]
    public void ScheduleRepeatedly_runs_the_action_every_interval_until_cancelled()
    {
        var ranAt = new ConcurrentQueue<TimeSpan>();
        var cancelable = Sys.Scheduler.Advanced.ScheduleRepeatedly(Seconds(1), Seconds(1), () => ranAt.Enqueue(Sys.Clock.Elapsed));
        Advance(Seconds(3));
        cancelable.Cancel();
        Advance(Seconds(3));
        Assert.Equal([Seconds(1), Seconds(2), Seconds(3)], ranAt.ToArray());
    }

    [Fact]
    public void A_cancelled_action_never_runs()
    {
        var ran = false;
        var cancelable = Sys.Scheduler.Advanced.ScheduleOnce(Seconds(1), () => ran = true);
        cancelable.Cancel();
        Advance(Seconds(5));
        Assert.False(ran);
    }

    [Fact]
    public void A_throwing_action_is_reported_as_an_error_event()
    {
        EventFilter.Exception<InvalidOperationException>(contains: "scheduled action").ExpectOne(() =>
        {
            Sys.Scheduler.Advanced.ScheduleOnce(Seconds(1), () => throw new InvalidOperationException("bad action"));
            Advance(Seconds(1));
        });
    }

    [Fact]
    public void Timers_due_at_the_same_instant_fire_in_the_order_they_were_scheduled()
    {
        var order = new ConcurrentQueue<int>();
        for (var i = 0; i < 20; i++)
        {
            var n = i;
            Sys.Scheduler.Advanced.ScheduleOnce(Seconds(1), () => order.Enqueue(n));
        }
        Advance(Seconds(1));
        Assert.Equal(Enumerable.Range(0, 20), order);
    }

    [Fact]
    public void Tells_due_at_the_same_instant_arrive_in_the_order_they_were_scheduled()
    {
        for (var i = 0; i < 20; i++) Sys.Scheduler.ScheduleTellOnce(Seconds(1), TestActor, i, TestActor);
        for (var i = 0; i < 20; i++) ExpectMsg(i, timeout: Seconds(2));
    }

    [Fact]
    public void Timers_fire_in_due_order_whatever_order_they_were_scheduled_in()
    {
        foreach (var s in new[] { 5, 1, 4, 2, 3 }) Sys.Scheduler.ScheduleTellOnce(Seconds(s), TestActor, s, TestActor);
        for (var s = 1; s <= 5; s++)
        {
            ExpectMsg(s, timeout: Seconds(10));
            Assert.Equal(Seconds(s), Sys.Clock.Elapsed);
        }
    }

    [Fact]
    public void A_non_positive_interval_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.Scheduler.ScheduleTellRepeatedly(Seconds(1), TimeSpan.Zero, TestActor, "x", TestActor));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.Scheduler.Advanced.ScheduleRepeatedly(Seconds(1), Seconds(-1), () => { }));
    }

    [Fact]
    public void The_scheduler_clock_is_the_system_clock()
    {
        Advance(Seconds(42));
        Assert.Equal(Sys.Clock.Now, Sys.Scheduler.Now);
        Assert.Equal(Seconds(42), Sys.Scheduler.MonotonicClock);
    }
}
