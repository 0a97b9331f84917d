using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>Applies the directive to the failed child alone.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>At most <paramref name="maxNrOfRetries"/> restarts within <paramref name="withinTimeRange"/> (null: no limit), then stop.</summary>
    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    /// <summary>No restart limit.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(null, null, decider) { }

    internal override void ProcessFailure(ActorCell supervisor, bool restart, IInternalActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        if (restart && RequestRestartPermission(stats, supervisor)) child.SendSystemMessage(new Recreate(cause));
        else supervisor.Stop(child);
    }
}
