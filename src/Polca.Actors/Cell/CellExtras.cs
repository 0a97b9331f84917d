using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>State of a cell that most actors never need, allocated on first use to keep idle actors small.</summary>
internal sealed class CellExtras
{
    /// <summary>Behaviours pushed by Become; the top is in force. Empty means the actor's own Receive.</summary>
    public List<Receive>? BehaviorStack;

    /// <summary>Actors this one watches, with the message to deliver when they stop (null means <see cref="Terminated"/>).</summary>
    public Dictionary<IActorRef, object?>? Watching;

    /// <summary>Watched actors whose termination message is queued but not yet delivered.</summary>
    public Dictionary<IActorRef, object?>? TerminatedQueued;

    /// <summary>Actors that watch this one.</summary>
    public HashSet<IInternalActorRef>? WatchedBy;

    /// <summary>Children being stopped, awaited before a restart or stop completes.</summary>
    public HashSet<IActorRef>? ChildrenToDie;

    /// <summary>Restart counts per child for supervision windows.</summary>
    public Dictionary<IActorRef, ChildRestartStats>? RestartStats;

    /// <summary>The cause of a restart waiting for children to stop.</summary>
    public Exception? PendingRecreateCause;

    /// <summary>The message being processed when the actor failed, given to PreRestart.</summary>
    public object? FailedMessage;

    /// <summary>Receive-timeout duration, or null when off.</summary>
    public TimeSpan? ReceiveTimeout;

    /// <summary>The pending receive-timeout timer.</summary>
    public ICancelable? ReceiveTimeoutTimer;

    /// <summary>Generation of the receive-timeout timer; older ticks are ignored.</summary>
    public long ReceiveTimeoutGeneration;

    /// <summary>True while an async handler awaits; user messages wait meanwhile.</summary>
    public bool AwaitingAsync;

    /// <summary>The pending async handler's task; completions of older tasks are ignored.</summary>
    public Task? AsyncTask;

    /// <summary>True between a failure and the supervisor's directive.</summary>
    public bool Failed;

    /// <summary>The child whose failure this actor escalated (the perpetrator), while <see cref="Failed"/>.</summary>
    public IActorRef? FailedChild;

    /// <summary>The message being handled by the pending async handler.</summary>
    public Envelope AsyncEnvelope;

    /// <summary>Synchronization context that runs await continuations inside the actor.</summary>
    public ActorSynchronizationContext? SynchronizationContext;

    /// <summary>The actor's stash, when it has one.</summary>
    public UnboundedStash? Stash;

    /// <summary>The actor's timers, when it has them.</summary>
    public TimerScheduler? Timers;

    /// <summary>Counter for generated child names.</summary>
    public long NextChildName;
}
