using Polca.Actors.Dispatch;
using Polca.Actors.Event;

namespace Polca.Actors;

/// <summary>How a supervisor treats a failed child: a decider maps the exception to a directive, and the strategy applies it to one child or all.</summary>
public abstract class SupervisorStrategy
{
    /// <summary>Stops on initialization failure, Kill and death pact; restarts on any other exception.</summary>
    public static readonly Func<Exception, Directive> DefaultDecider = cause => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>The strategy of actors that do not override it: one for one, unlimited restarts, <see cref="DefaultDecider"/>.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any failed child.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Creates a strategy with its limits.</summary>
    protected SupervisorStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Restarts allowed per child within the window; null or negative means no limit.</summary>
    public int? MaxNumberOfRetries { get; }

    /// <summary>The window for <see cref="MaxNumberOfRetries"/>; null means no window.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <summary>Maps an exception to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Whether failures are logged (errors; resumes as warnings).</summary>
    public bool LoggingEnabled { get; }

    /// <summary>Applies a restart (or a stop) to the failed child or to all children.</summary>
    internal abstract void ProcessFailure(ActorCell supervisor, bool restart, IInternalActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children);

    /// <summary>Decides and applies the directive; false means escalate.</summary>
    internal bool HandleFailure(ActorCell supervisor, IInternalActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        var directive = Decider(cause);
        if (LoggingEnabled) LogFailure(supervisor, child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new Resume(cause));
                return true;
            case Directive.Restart:
                ProcessFailure(supervisor, true, child, cause, stats, children);
                return true;
            case Directive.Stop:
                ProcessFailure(supervisor, false, child, cause, stats, children);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Asks whether a restart of <paramref name="stats"/>' child is within the limits.</summary>
    internal bool RequestRestartPermission(ChildRestartStats stats, ActorCell supervisor) =>
        stats.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRange, supervisor.SystemImpl.Clock.Now);

    private static void LogFailure(ActorCell supervisor, IActorRef child, Exception cause, Directive directive)
    {
        if (directive == Directive.Escalate) return;
        var stream = supervisor.SystemImpl.EventStream;
        var now = supervisor.SystemImpl.Clock.Now;
        var text = $"{cause.GetType().Name} in {child}: {cause.Message} ({directive})";
        if (directive == Directive.Resume) stream.Publish(new Warning(child.Path.ToString(), typeof(SupervisorStrategy), text, now));
        else stream.Publish(new Error(cause, child.Path.ToString(), typeof(SupervisorStrategy), text, now));
    }
}
