using Polca.Actors.Dispatch;

namespace Polca.Actors;

/// <summary>A temporary reference (/temp/$n) that completes a task with the first message it gets.</summary>
internal sealed class PromiseActorRef : ActorRefBase, IInternalActorRef
{
    private readonly ActorSystemImpl _system;
    private readonly TaskCompletionSource<object> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorPath _path;
    private HashSet<IInternalActorRef>? _watchers;

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

    private void Complete(Func<TaskCompletionSource<object>, bool> complete)
    {
        if (!complete(_promise)) return;
        _system.UnregisterTemp(this);
        HashSet<IInternalActorRef>? watchers;
        lock (this)
        {
            watchers = _watchers;
            _watchers = null;
        }
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
