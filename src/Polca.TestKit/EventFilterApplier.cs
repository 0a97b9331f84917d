using Polca.Actors;
using Polca.Actors.Event;
using Xunit.Sdk;

namespace Polca.TestKit;

/// <summary>Runs a block and checks how many matching events it caused.</summary>
public sealed class EventFilterApplier
{
    private readonly TestKitBase _kit;
    private readonly Func<object, bool> _isMatch;
    private readonly string _description;

    internal EventFilterApplier(TestKitBase kit, Func<object, bool> isMatch, string description)
    {
        _kit = kit;
        _isMatch = isMatch;
        _description = description;
    }

    /// <summary>Expects exactly one matching event while (or shortly after) <paramref name="action"/> runs.</summary>
    public void ExpectOne(Action action) => Expect(1, action);

    /// <summary>Expects exactly one matching event and returns the block's result.</summary>
    public T ExpectOne<T>(Func<T> func)
    {
        T result = default!;
        Expect(1, () => result = func());
        return result;
    }

    /// <summary>Expects exactly <paramref name="expected"/> matching events within the timeout after the block ran.</summary>
    public void Expect(int expected, Action action, TimeSpan? timeout = null)
    {
        var system = _kit.Sys;
        var counter = new EventCounter(_isMatch, system);
        var collector = ((ActorSystemImpl)system).SystemActorOf(Props.Create(() => new EventCollector(counter)));
        system.EventStream.Subscribe(collector, typeof(LogEvent));
        system.EventStream.Subscribe(collector, typeof(DeadLetter));
        try
        {
            action();
            var deadline = system.Clock.Now + (timeout ?? TestKitBase.DefaultTimeout);
            _kit.Queue.WaitUntil(() => counter.Count >= expected, deadline);
            system.VirtualTime?.WaitForQuiescence();
            if (counter.Count != expected)
                throw new XunitException($"Expected {expected} × {_description} but saw {counter.Count}");
        }
        finally
        {
            system.EventStream.Unsubscribe(collector);
            system.Stop(collector);
        }
    }

    /// <summary>Runs <paramref name="action"/> with matching events counted and returns how many there were.</summary>
    public int Count(Action action)
    {
        var system = _kit.Sys;
        var counter = new EventCounter(_isMatch, system);
        var collector = ((ActorSystemImpl)system).SystemActorOf(Props.Create(() => new EventCollector(counter)));
        system.EventStream.Subscribe(collector, typeof(LogEvent));
        system.EventStream.Subscribe(collector, typeof(DeadLetter));
        try
        {
            action();
            system.VirtualTime?.WaitForQuiescence();
            return counter.Count;
        }
        finally
        {
            system.EventStream.Unsubscribe(collector);
            system.Stop(collector);
        }
    }

    private sealed class EventCounter(Func<object, bool> isMatch, ActorSystem system)
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Offer(object e)
        {
            if (!isMatch(e)) return;
            Interlocked.Increment(ref _count);
            system.VirtualTime?.Signal();
        }
    }

    private sealed class EventCollector(EventCounter counter) : ActorBase
    {
        protected override bool Receive(object message)
        {
            counter.Offer(message);
            return true;
        }
    }
}
