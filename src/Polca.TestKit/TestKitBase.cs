using Polca.Actors;
using Xunit.Sdk;

namespace Polca.TestKit;

/// <summary>
/// Expectations on the messages a test actor receives. In virtual time every wait runs the system and advances the clock
/// (timer by timer) up to its timeout, so a test never sleeps on the wall clock; in real time waits are on the wall clock.
/// </summary>
public abstract class TestKitBase
{
    /// <summary>The default timeout of expectations.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private readonly TestMessageQueue _queue;
    private DateTimeOffset? _withinEnd;

    /// <summary>Creates the test actor of <paramref name="system"/>.</summary>
    protected TestKitBase(ActorSystem system, string? testActorName = null)
    {
        Sys = system;
        _queue = new TestMessageQueue(system);
        var name = testActorName ?? "testActor" + Interlocked.Increment(ref _counter);
        var impl = (ActorSystemImpl)system;
        TestActor = impl.SystemActorOf(Props.Create(() => new TestActor(_queue)), name);
    }

    private static int _counter;

    /// <summary>The system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The actor whose messages the expectations inspect; use it as sender or reply target.</summary>
    public IActorRef TestActor { get; }

    /// <summary>The sender of the last message received by an expectation.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;

    /// <summary>The last message received by an expectation.</summary>
    public object? LastMessage { get; private set; }

    /// <summary>The system clock's current instant.</summary>
    public DateTimeOffset Now => Sys.Clock.Now;

    /// <summary>Drops matching messages before any expectation sees them; null to stop ignoring.</summary>
    public void IgnoreMessages(Func<object, bool>? ignore) => _queue.Ignore = ignore;

    /// <summary>Drops matching messages of type <typeparamref name="T"/>.</summary>
    public void IgnoreMessages<T>(Func<T, bool>? ignore = null) => _queue.Ignore = m => m is T t && (ignore?.Invoke(t) ?? true);

    /// <summary>Number of messages waiting to be expected.</summary>
    public int HasMessages => _queue.Count;

    // ----- time -----

    /// <summary>The timeout to use: the given one, or what remains of the enclosing Within, or the default.</summary>
    protected TimeSpan RemainingOrDefault(TimeSpan? timeout)
    {
        if (timeout is { } t && t != Timeout.InfiniteTimeSpan) return t;
        if (_withinEnd is { } end) return end - Now > TimeSpan.Zero ? end - Now : TimeSpan.Zero;
        return DefaultTimeout;
    }

    /// <summary>What remains of the enclosing Within block.</summary>
    public TimeSpan Remaining => _withinEnd is { } end ? (end - Now > TimeSpan.Zero ? end - Now : TimeSpan.Zero)
        : throw new InvalidOperationException("Remaining is only defined inside Within");

    /// <summary>Advances virtual time by <paramref name="duration"/>, firing due timers in order and letting the system settle after each.</summary>
    public void Advance(TimeSpan duration) => VirtualTime.Advance(duration);

    /// <summary>Advances virtual time to <paramref name="instant"/>.</summary>
    public void AdvanceTo(DateTimeOffset instant) => VirtualTime.AdvanceTo(instant);

    /// <summary>Advances virtual time to <paramref name="elapsed"/> after the system's start.</summary>
    public void AdvanceTo(TimeSpan elapsed) => VirtualTime.AdvanceTo(Sys.Clock.Start + elapsed);

    /// <summary>Waits (without moving virtual time) until no actor has work.</summary>
    public void AwaitQuiescence() => VirtualTime.WaitForQuiescence();

    private VirtualTimeController VirtualTime => Sys.VirtualTime
        ?? throw new InvalidOperationException("this system runs in real time; Advance needs ClockMode.VirtualTime");

    // ----- receiving -----

    /// <summary>Receives the next message within the timeout, or null.</summary>
    public object? ReceiveOne(TimeSpan? timeout = null)
    {
        var deadline = Now + RemainingOrDefault(timeout);
        _queue.WaitUntil(() => _queue.Count > 0, deadline);
        if (!_queue.TryTake(out var item)) return null;
        LastMessage = item.Message;
        LastSender = item.Sender;
        return item.Message;
    }

    private object ReceiveOrFail(TimeSpan timeout, string what)
    {
        return ReceiveOne(timeout) ?? throw new XunitException($"Timeout ({timeout.TotalMilliseconds:0.###} ms) while waiting for {what}");
    }

    /// <summary>Expects a message of type <typeparamref name="T"/> within the timeout.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsgMatching<T>(null, timeout, null);

    /// <summary>Expects a message equal to <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull =>
        ExpectMsgMatching<T>(m => Equals(m, expected), timeout, $"a message equal to {expected}");

    /// <summary>Expects a message of type <typeparamref name="T"/> that satisfies <paramref name="isMessage"/>.</summary>
    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null, string? hint = null) =>
        ExpectMsgMatching<T>(m => isMessage(m), timeout, hint);

    /// <summary>Expects a message of type <typeparamref name="T"/> and runs <paramref name="assert"/> on it.</summary>
    public T ExpectMsg<T>(Action<T> assert, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(timeout);
        assert(message);
        return message;
    }

    private T ExpectMsgMatching<T>(Func<T, bool>? isMessage, TimeSpan? timeout, string? hint)
    {
        var t = RemainingOrDefault(timeout);
        var what = hint ?? $"a message of type {typeof(T).Name}";
        var message = ReceiveOrFail(t, what);
        if (message is not T typed)
            throw new XunitException($"Expected {what} but received {message.GetType().Name}: {message}");
        if (isMessage is not null && !isMessage(typed))
            throw new XunitException($"Expected {what} but received {message}");
        return typed;
    }

    /// <summary>Expects a message of type <typeparamref name="T"/> from <paramref name="sender"/>.</summary>
    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(timeout);
        if (!LastSender.Equals(sender)) throw new XunitException($"Expected {message} from {sender} but it came from {LastSender}");
        return message;
    }

    /// <summary>Expects one message equal to each of <paramref name="expected"/>, in any order.</summary>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(IReadOnlyCollection<T> expected, TimeSpan? timeout = null)
    {
        var t = RemainingOrDefault(timeout);
        var deadline = Now + t;
        var missing = expected.ToList();
        var received = new List<T>();
        while (missing.Count > 0)
        {
            var left = deadline - Now;
            var message = ReceiveOne(left > TimeSpan.Zero ? left : TimeSpan.Zero)
                ?? throw new XunitException($"Timeout while waiting for {string.Join(", ", missing)}");
            if (message is not T typed || !missing.Remove(typed))
                throw new XunitException($"Unexpected message {message} while waiting for {string.Join(", ", missing)}");
            received.Add(typed);
        }
        return received;
    }

    /// <summary>Expects no message for <paramref name="duration"/> (virtual time advances through it).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        var message = ReceiveOne(duration);
        if (message is not null) throw new XunitException($"Expected no message for {duration.TotalMilliseconds:0.###} ms but received {message.GetType().Name}: {message}");
    }

    /// <summary>Expects no message for the remaining time of Within, or the default timeout.</summary>
    public void ExpectNoMsg() => ExpectNoMsg(RemainingOrDefault(null));

    /// <summary>Receives <paramref name="count"/> messages within the timeout.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        var deadline = Now + RemainingOrDefault(timeout);
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            var left = deadline - Now;
            var message = ReceiveOne(left > TimeSpan.Zero ? left : TimeSpan.Zero)
                ?? throw new XunitException($"Timeout while waiting for message {messages.Count + 1} of {count}");
            messages.Add(message);
        }
        return messages;
    }

    /// <summary>Receives messages while they are of type <typeparamref name="T"/> (up to <paramref name="max"/>), stopping at the first that is not.</summary>
    public IReadOnlyList<T> ReceiveWhile<T>(Func<T, bool>? filter = null, TimeSpan? timeout = null, int max = int.MaxValue)
    {
        var deadline = Now + RemainingOrDefault(timeout);
        var messages = new List<T>();
        while (messages.Count < max)
        {
            _queue.WaitUntil(() => _queue.Count > 0, deadline);
            if (!_queue.TryPeek(out var next) || next.Message is not T typed || !(filter?.Invoke(typed) ?? true)) break;
            _queue.TryTake(out _);
            LastMessage = typed;
            LastSender = next.Sender;
            messages.Add(typed);
        }
        return messages;
    }

    /// <summary>Skips messages until one satisfies <paramref name="isMessage"/>; fails when none does within the timeout.</summary>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null, string? hint = null)
    {
        var deadline = Now + RemainingOrDefault(timeout);
        while (true)
        {
            var left = deadline - Now;
            var message = ReceiveOne(left > TimeSpan.Zero ? left : TimeSpan.Zero)
                ?? throw new XunitException($"Timeout while fishing for {hint ?? "a matching message"}");
            if (isMessage(message)) return message;
        }
    }

    /// <summary>Skips messages until one of type <typeparamref name="T"/> satisfies <paramref name="isMessage"/>.</summary>
    public T FishForMessage<T>(Predicate<T>? isMessage = null, TimeSpan? timeout = null, string? hint = null) =>
        (T)FishForMessage(m => m is T t && (isMessage?.Invoke(t) ?? true), timeout, hint ?? $"a {typeof(T).Name}");

    // ----- death watch -----

    /// <summary>Makes the test actor watch <paramref name="actor"/>; its Terminated arrives as a message.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        var before = _queue.Acknowledgements;
        TestActor.Tell(new TestActor.WatchActor(actor), ActorRefs.NoSender);
        _queue.WaitUntil(() => _queue.Acknowledgements > before, Now + DefaultTimeout);
        return actor;
    }

    /// <summary>Makes the test actor stop watching <paramref name="actor"/>.</summary>
    public IActorRef Unwatch(IActorRef actor)
    {
        var before = _queue.Acknowledgements;
        TestActor.Tell(new TestActor.UnwatchActor(actor), ActorRefs.NoSender);
        _queue.WaitUntil(() => _queue.Acknowledgements > before, Now + DefaultTimeout);
        return actor;
    }

    /// <summary>Expects the <see cref="Terminated"/> of a watched actor.</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null) =>
        ExpectMsgMatching<Terminated>(t => t.ActorRef.Equals(actor), timeout, $"Terminated({actor})");

    // ----- conditions and blocks -----

    /// <summary>Runs <paramref name="block"/> and checks that it took at most <paramref name="max"/> on the system clock; expectations inside default to the remaining time.</summary>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> block)
    {
        var start = Now;
        var outer = _withinEnd;
        var end = start + max;
        _withinEnd = outer is { } o && o < end ? o : end;
        T result;
        try
        {
            result = block();
        }
        finally
        {
            _withinEnd = outer;
        }
        var took = Now - start;
        if (took < min) throw new XunitException($"Block took {took.TotalMilliseconds:0.###} ms, less than the minimum {min.TotalMilliseconds:0.###} ms");
        if (took > max) throw new XunitException($"Block took {took.TotalMilliseconds:0.###} ms, more than the maximum {max.TotalMilliseconds:0.###} ms");
        return result;
    }

    /// <summary>Runs <paramref name="block"/> and checks that it took at most <paramref name="max"/>.</summary>
    public T Within<T>(TimeSpan max, Func<T> block) => Within(TimeSpan.Zero, max, block);

    /// <summary>Runs <paramref name="block"/> and checks its duration is between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public void Within(TimeSpan min, TimeSpan max, Action block) => Within(min, max, () =>
    {
        block();
        return 0;
    });

    /// <summary>Runs <paramref name="block"/> and checks that it took at most <paramref name="max"/>.</summary>
    public void Within(TimeSpan max, Action block) => Within(TimeSpan.Zero, max, block);

    /// <summary>Runs the system until <paramref name="condition"/> holds; fails when it does not within <paramref name="max"/>.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null)
    {
        var t = RemainingOrDefault(max);
        if (!_queue.WaitUntil(condition, Now + t))
            throw new XunitException($"Condition not met within {t.TotalMilliseconds:0.###} ms{(message is null ? "" : ": " + message)}");
    }

    /// <summary>Runs the system until <paramref name="assertion"/> passes; rethrows its last failure when it does not within <paramref name="duration"/>.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null)
    {
        var t = RemainingOrDefault(duration);
        Exception? last = null;
        bool Passes()
        {
            try
            {
                assertion();
                return true;
            }
            catch (Exception e)
            {
                last = e;
                return false;
            }
        }
        if (!_queue.WaitUntil(Passes, Now + t)) throw last ?? new XunitException("assertion did not pass");
    }

    /// <summary>Waits for <paramref name="task"/> while running the system (advancing virtual time up to <paramref name="timeout"/>), and returns its result.</summary>
    public T AwaitResult<T>(Task<T> task, TimeSpan? timeout = null)
    {
        WaitForCompletion(task, timeout);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Waits for <paramref name="task"/> while running the system, advancing virtual time up to the timeout.</summary>
    public void AwaitResult(Task task, TimeSpan? timeout = null)
    {
        // Waits on the task itself: a continuation would complete a hop later, after virtual time may have moved on.
        WaitForCompletion(task, timeout);
        task.GetAwaiter().GetResult();
    }

    private void WaitForCompletion(Task task, TimeSpan? timeout)
    {
        var t = RemainingOrDefault(timeout);
        task.ContinueWith(_ => Sys.VirtualTime?.Signal(), TaskScheduler.Default);
        if (!_queue.WaitUntil(() => task.IsCompleted, Now + t))
            throw new XunitException($"Task did not complete within {t.TotalMilliseconds:0.###} ms");
    }

    // ----- probes and actors -----

    /// <summary>A new probe: another test actor with its own expectations, in the same system.</summary>
    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name);

    /// <summary>Creates a top-level actor.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    /// <summary>Creates a top-level actor of type <typeparamref name="TActor"/>.</summary>
    public IActorRef ActorOf<TActor>(string? name = null) where TActor : ActorBase, new() => Sys.ActorOf(Props.Create<TActor>(), name);

    /// <summary>Expectations on the event stream: logs and dead letters.</summary>
    public EventFilterFactory EventFilter => new(this);

    internal TestMessageQueue Queue => _queue;
}
