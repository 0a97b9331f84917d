using Polca.Actors.Dispatch;
using Polca.Actors.Event;

namespace Polca.Actors;

/// <summary>Handling of system messages: creation, suspension, restart, stop, watch, failure of children, async continuations.</summary>
internal sealed partial class ActorCell
{
    private void HandleSystemMessage(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create:
                    HandleCreate();
                    if (_actor is not null && _extras?.ReceiveTimeout is not null) ArmReceiveTimeout();
                    break;
                case Recreate recreate:
                    FaultRecreate(recreate.Cause);
                    break;
                case Suspend:
                    _suspendCount++;
                    foreach (var child in ChildrenSnapshot()) child.SendSystemMessage(new Suspend());
                    break;
                case Resume resume:
                    FaultResume(resume.CausedByFailure);
                    break;
                case Terminate:
                    HandleTerminate();
                    break;
                case Watch watch:
                    if (ReferenceEquals(watch.Watchee, _self)) AddWatcher(watch.Watcher);
                    break;
                case Unwatch unwatch:
                    if (ReferenceEquals(unwatch.Watchee, _self)) RemoveWatcher(unwatch.Watcher);
                    break;
                case DeathWatchNotification notification:
                    OnWatchedActorTerminated(notification.Actor, notification.ExistenceConfirmed, notification.AddressTerminated);
                    break;
                case Failed failed:
                    HandleFailed(failed);
                    break;
                case ChildTerminated terminated:
                    HandleChildTerminated(terminated.Child);
                    break;
                case RunContinuation continuation:
                    RunContinuationInActor(continuation);
                    break;
                case AsyncHandlerCompleted completed:
                    HandleAsyncCompleted(completed.Task);
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
    }

    /// <summary>System messages reaching a stopped actor: a late Watch is answered at once, the rest is dropped.</summary>
    private void HandleSystemMessageWhenDead(SystemMessage message)
    {
        switch (message)
        {
            case Watch watch when !ReferenceEquals(watch.Watcher, _self):
                watch.Watcher.SendSystemMessage(new DeathWatchNotification(_self, true, false));
                break;
            case Failed failed:
                failed.Child.SendSystemMessage(new Terminate());
                break;
        }
    }

    // ----- stopping -----

    private void HandleTerminate()
    {
        if (_state != StateAlive) return;
        _state = StateTerminating;
        CancelReceiveTimeout();
        _extras?.Timers?.CancelAll();
        if (_extras is not null)
        {
            _extras.AwaitingAsync = false;
            _extras.AsyncTask = null;
        }
        if (HasChildren) StopAllChildren();
        else FinishTerminate();
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        if (actor is not null)
        {
            var previous = t_current;
            t_current = this;
            try
            {
                actor.AroundPostStop();
            }
            catch (Exception e)
            {
                PublishHookFailure("PostStop", e);
            }
            finally
            {
                t_current = previous;
            }
        }
        var stashed = _extras?.Stash?.TakeAll();
        var left = CloseMailbox();
        if (stashed is not null) foreach (var e in stashed) SendToDeadLetters(e);
        if (left is not null) foreach (var e in left) SendToDeadLetters(e);
        TellWatchersWeDied();
        _actor = null;
        _current = default;
        _parent.SendSystemMessage(new ChildTerminated(_self));
    }

    private void SendToDeadLetters(in Envelope envelope)
    {
        if (envelope.Message is WatchedActorTerminated or ReceiveTimeoutTick or TimerMessage or DeadLetter) return;
        SystemImpl.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender, _self), envelope.Sender);
    }

    // ----- failure of this actor -----

    /// <summary>
    /// The actor threw (or escalates the failure of <paramref name="perpetrator"/>, its child): suspend it and its
    /// children and ask the supervisor what to do. The perpetrator is already suspended by its own failure, so it is not
    /// suspended twice (as in Akka): its restart or resume with this actor's then balances its one suspension.
    /// </summary>
    internal void HandleInvokeFailure(Exception cause, IInternalActorRef? perpetrator = null)
    {
        if (_state != StateAlive || (_extras?.Failed ?? false))
        {
            SystemImpl.EventStream.Publish(new Error(cause, Self.Path.ToString(), _props.ActorType, $"{cause.GetType().Name} in {Self} while it was already failed or stopping: {cause.Message}"));
            return;
        }
        var extras = Extras;
        extras.Failed = true;
        extras.FailedChild = perpetrator;
        extras.FailedMessage = _current.Message;
        extras.AwaitingAsync = false;
        extras.AsyncTask = null;
        _suspendCount++;
        foreach (var child in ChildrenSnapshot())
            if (!ReferenceEquals(child, perpetrator)) child.SendSystemMessage(new Suspend());
        _parent.SendSystemMessage(new Failed(_self, cause, _self.Path.Uid));
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_state != StateAlive) return;
        var perpetrator = _extras?.FailedChild;
        if (causedByFailure is not null && _extras is not null)
        {
            _extras.Failed = false;
            _extras.FailedChild = null;
            _extras.FailedMessage = null;
        }
        if (_suspendCount > 0) _suspendCount--;
        // The child whose failure was escalated is resumed as the failed one (it clears its failure); the others just resume.
        foreach (var child in ChildrenSnapshot())
            child.SendSystemMessage(new Resume(causedByFailure is not null && ReferenceEquals(child, perpetrator) ? causedByFailure : null));
    }

    private void FaultRecreate(Exception cause)
    {
        if (_state != StateAlive) return;
        if (_actor is null)
        {
            // Creation had failed: try creating again.
            if (_suspendCount > 0) _suspendCount--;
            if (_extras is not null) _extras.Failed = false;
            HandleCreate();
            return;
        }
        var failed = _actor;
        var failedMessage = _extras?.FailedMessage;
        CancelReceiveTimeout();
        _extras?.Timers?.CancelAll();
        var previous = t_current;
        t_current = this;
        try
        {
            failed.AroundPreRestart(cause, failedMessage);
        }
        catch (Exception e)
        {
            PublishHookFailure("PreRestart", e);
        }
        finally
        {
            t_current = previous;
        }
        if (_extras?.ChildrenToDie is { Count: > 0 }) Extras.PendingRecreateCause = cause;
        else FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        var survivors = ChildrenSnapshot();
        var extras = Extras;
        extras.Failed = false;
        extras.FailedChild = null;
        extras.FailedMessage = null;
        if (_suspendCount > 0) _suspendCount--;
        var previous = t_current;
        t_current = this;
        try
        {
            _actor = null;
            var fresh = NewActor();
            _actor = fresh;
            fresh.AroundPostRestart(cause);
            if (_extras?.ReceiveTimeout is not null) ArmReceiveTimeout();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e is ActorInitializationException ? e : new ActorInitializationException(Self, $"Exception while restarting {Self}: {e.Message}", e));
        }
        finally
        {
            t_current = previous;
        }
        foreach (var survivor in survivors) survivor.SendSystemMessage(new Recreate(cause));
    }

    // ----- failure of a child -----

    private void HandleFailed(Failed failed)
    {
        var child = failed.Child;
        if (!IsChild(child) || child.Path.Uid != failed.Uid) return;
        if (_state != StateAlive || (_extras?.ChildrenToDie?.Contains(child) ?? false)) return;
        var strategy = _props.SupervisorStrategy ?? _actor?.SupervisorStrategyInternal ?? SupervisorStrategy.DefaultStrategy;
        var statsByChild = Extras.RestartStats ??= new Dictionary<IActorRef, ChildRestartStats>();
        if (!statsByChild.TryGetValue(child, out var stats)) statsByChild[child] = stats = new ChildRestartStats(child);
        var allChildren = ChildrenSnapshot().Select(c =>
        {
            if (!statsByChild.TryGetValue(c, out var s)) statsByChild[c] = s = new ChildRestartStats(c);
            return s;
        }).ToList();
        if (!strategy.HandleFailure(this, child, failed.Cause, stats, allChildren))
            HandleInvokeFailure(failed.Cause, child);
    }

    // ----- async handlers -----

    /// <summary>Runs an async handler; user messages wait until its task completes, and its continuations run inside the actor.</summary>
    internal void RunTask(Func<Task> handler)
    {
        var extras = Extras;
        var context = extras.SynchronizationContext ??= new ActorSynchronizationContext(this);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = handler();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }
        extras.AwaitingAsync = true;
        extras.AsyncEnvelope = _current;
        extras.AsyncTask = task;
        task.ContinueWith(static (t, state) => ((ActorCell)state!).EnqueueSystem(new AsyncHandlerCompleted(t)),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void RunContinuationInActor(RunContinuation continuation)
    {
        if (_state == StateTerminated) return;
        var previousContext = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_extras?.SynchronizationContext);
        if (_extras is { AwaitingAsync: true }) _current = _extras.AsyncEnvelope;
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }
    }

    private void HandleAsyncCompleted(Task task)
    {
        if (_extras is not { AwaitingAsync: true } extras || !ReferenceEquals(extras.AsyncTask, task)) return;
        extras.AwaitingAsync = false;
        extras.AsyncTask = null;
        _current = extras.AsyncEnvelope;
        extras.AsyncEnvelope = default;
        try
        {
            if (task.IsFaulted) HandleInvokeFailure(task.Exception!.InnerException ?? task.Exception);
            else if (task.IsCanceled) HandleInvokeFailure(new TaskCanceledException(task));
        }
        finally
        {
            _current = default;
        }
    }
}
