using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>A temporary reference (/temp/$n) that completes a task with the first message it gets.</summary>
internal sealed class PromiseActorRef : ActorRefBase, IInternalActorRef
{
    private readonly ActorSystemImpl _system;
    private readonly TaskCompletionSource<object> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorPath _path;
    private HashSet<IInternalActorRef>? _watchers;
    private List<Action>? _callbacks;
    private bool _completed;

    public PromiseActorRef(ActorSystemImpl system)
    {
        _system = system;
        _path = system.NewTempPath();
        system.RegisterTemp(this);
    }

    public Task<object> Task => _promise.Task;

    public override ActorPath Path => _path;

    public IInternalActorRef Parent => _system.RootGuardianRef;

    public bool IsTerminated => _promise.Task.IsCompleted;

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is Status.Failure failure) Complete(p => p.TrySetException(failure.Cause));
        else Complete(p => p.TrySetResult(message));
    }

    public void Fail(Exception cause) => Complete(p => p.TrySetException(cause));

    public void Cancel(CancellationToken token) => Complete(p => p.TrySetCanceled(token));

    /// <summary>
    /// Runs <paramref name="callback"/> synchronously on the thread that completes the promise (inside the replying actor,
    /// or in the scheduler for a timeout), so that what depends on the reply happens before the system can look idle to
    /// virtual time. Callbacks run in registration order. False when the promise has already completed: the caller
    /// must then continue on its own.
    /// </summary>
    internal bool OnCompleted(Action callback)
    {
        lock (this)
        {
            if (_completed) return false;
            (_callbacks ??= []).Add(callback);
            return true;
        }
    }

    private void Complete(Func<TaskCompletionSource<object>, bool> complete)
    {
        if (!complete(_promise)) return;
        _system.UnregisterTemp(this);
        HashSet<IInternalActorRef>? watchers;
        List<Action>? callbacks;
        lock (this)
        {
            _completed = true;
            callbacks = _callbacks;
            _callbacks = null;
            watchers = _watchers;
            _watchers = null;
        }
        if (callbacks is not null)
            foreach (var callback in callbacks) callback();
        if (watchers is null) return;
        foreach (var watcher in watchers) watcher.SendSystemMessage(new DeathWatchNotification(this, true, false));
    }

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Watch watch:
                lock (this)
                {
                    if (!_promise.Task.IsCompleted)
                    {
                        (_watchers ??= []).Add(watch.Watcher);
                        return;
                    }
                }
                watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, true, false));
                break;
            case Unwatch unwatch:
                lock (this) _watchers?.Remove(unwatch.Watcher);
                break;
        }
    }

    public IInternalActorRef? GetChild(IReadOnlyList<string> names, int start) => null;
}
