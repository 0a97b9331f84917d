using System.Collections.Concurrent;

namespace Polca.Actors.Event;

/// <summary>The system-wide publish/subscribe bus: subscribers get every published event assignable to the type they subscribed to.</summary>
public sealed class EventStream
{
    private readonly object _lock = new();
    private readonly List<(IActorRef Subscriber, Type Channel)> _subscriptions = [];
    private ConcurrentDictionary<Type, IActorRef[]> _byType = new();

    /// <summary>Subscribes <paramref name="subscriber"/> to events of <paramref name="channel"/> and its subtypes; false when already subscribed.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_lock)
        {
            if (_subscriptions.Contains((subscriber, channel))) return false;
            _subscriptions.Add((subscriber, channel));
            _byType = new ConcurrentDictionary<Type, IActorRef[]>();
            return true;
        }
    }

    /// <summary>Subscribes to events of type <typeparamref name="T"/>.</summary>
    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    /// <summary>Removes one subscription; false when there was none.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        lock (_lock)
        {
            if (!_subscriptions.Remove((subscriber, channel))) return false;
            _byType = new ConcurrentDictionary<Type, IActorRef[]>();
            return true;
        }
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        lock (_lock)
        {
            var removed = _subscriptions.RemoveAll(s => s.Subscriber.Equals(subscriber)) > 0;
            if (removed) _byType = new ConcurrentDictionary<Type, IActorRef[]>();
            return removed;
        }
    }

    /// <summary>Sends <paramref name="event"/> to every subscriber of its type or a base type or interface.</summary>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var byType = _byType;
        var type = @event.GetType();
        if (!byType.TryGetValue(type, out var subscribers))
        {
            lock (_lock)
            {
                subscribers = _subscriptions.Where(s => s.Channel.IsAssignableFrom(type)).Select(s => s.Subscriber).Distinct().ToArray();
            }
            byType.TryAdd(type, subscribers);
        }
        foreach (var subscriber in subscribers)
        {
            // A stopped subscriber is forgotten (as Akka.NET does), so its subscriptions do not turn into dead letters.
            if (subscriber is IInternalActorRef { IsTerminated: true }) Unsubscribe(subscriber);
            else subscriber.Tell(@event, ActorRefs.NoSender);
        }
    }

    /// <summary>True when anybody listens to events of <paramref name="type"/>.</summary>
    public bool HasSubscribers(Type type)
    {
        lock (_lock)
        {
            return _subscriptions.Any(s => s.Channel.IsAssignableFrom(type));
        }
    }
}
