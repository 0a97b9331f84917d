using Polca.Actors;

namespace Polca.TestKit;

/// <summary>The actor behind a test kit or probe: it queues every message it receives for the test to inspect.</summary>
internal sealed class TestActor(TestMessageQueue queue) : ActorBase
{
    /// <summary>Asks the test actor to watch an actor.</summary>
    internal sealed record WatchActor(IActorRef Subject);

    /// <summary>Asks the test actor to stop watching an actor.</summary>
    internal sealed record UnwatchActor(IActorRef Subject);

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case WatchActor watch:
                Context.Watch(watch.Subject);
                queue.Acknowledge();
                break;
            case UnwatchActor unwatch:
                Context.Unwatch(unwatch.Subject);
                queue.Acknowledge();
                break;
            default:
                queue.Add(message, Sender);
                break;
        }
        return true;
    }

    protected override SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.StoppingStrategy;
}
