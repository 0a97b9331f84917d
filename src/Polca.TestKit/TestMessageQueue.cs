using System.Collections.Concurrent;
using Polca.Actors;

namespace Polca.TestKit;

/// <summary>Messages received by a test actor, with a way to wait for them on the system's clock.</summary>
internal sealed class TestMessageQueue(ActorSystem system)
{
    private readonly ConcurrentQueue<(object Message, IActorRef Sender)> _messages = new();
    private readonly object _signal = new();
    private int _acknowledgements;

    public int Count => _messages.Count;

    public Func<object, bool>? Ignore { get; set; }

    public void Add(object message, IActorRef sender)
    {
        if (Ignore?.Invoke(message) ?? false) return;
        _messages.Enqueue((message, sender));
        Wake();
    }

    public void Acknowledge()
    {
        Interlocked.Increment(ref _acknowledgements);
        Wake();
    }

    public int Acknowledgements => Volatile.Read(ref _acknowledgements);

    private void Wake()
    {
        system.VirtualTime?.Signal();
        lock (_signal) Monitor.PulseAll(_signal);
    }

    public bool TryTake(out (object Message, IActorRef Sender) item) => _messages.TryDequeue(out item);

    public bool TryPeek(out (object Message, IActorRef Sender) item) => _messages.TryPeek(out item);

    /// <summary>Waits until <paramref name="condition"/> holds or the clock reaches <paramref name="deadline"/>; in virtual time the clock advances meanwhile.</summary>
    public bool WaitUntil(Func<bool> condition, DateTimeOffset deadline)
    {
        if (system.VirtualTime is { } virtualTime) return virtualTime.RunUntil(condition, deadline);
        lock (_signal)
        {
            while (!condition())
            {
                var remaining = deadline - system.Clock.Now;
                if (remaining <= TimeSpan.Zero) return condition();
                var wallMs = remaining.TotalMilliseconds / system.Clock.Pace;
                Monitor.Wait(_signal, (int)Math.Clamp(Math.Ceiling(wallMs), 1, 100));
            }
            return true;
        }
    }
}
