using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>Applies the directive to all children when one fails (resume applies to the failed child only).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>At most <paramref name="maxNrOfRetries"/> restarts of any child within <paramref name="withinTimeRange"/> (null: no limit), then stop all.</summary>
    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    /// <summary>No restart limit.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider) : this(null, null, decider) { }

    internal override void ProcessFailure(ActorCell supervisor, bool restart, IInternalActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        if (children.Count == 0) return;
        if (restart && children.All(c => RequestRestartPermission(c, supervisor)))
        {
            foreach (var c in children)
            {
                var sibling = (IInternalActorRef)c.Child;
                if (!ReferenceEquals(sibling, child)) sibling.SendSystemMessage(new Suspend());
                sibling.SendSystemMessage(new Recreate(cause));
            }
        }
        else
        {
            foreach (var c in children) supervisor.Stop(c.Child);
        }
    }
}
