namespace Polca.Actors;

/// <summary>An ordered list of typed handlers; the first that accepts a message handles it (ReceiveActor's and ReceivePersistentActor's behaviours).</summary>
internal sealed class MessageHandlers
{
    private Func<object, bool>[] _handlers = [];

    public void Add(Func<object, bool> handler) => _handlers = [.. _handlers, handler];

    public void Add<T>(Action<T> handler, Predicate<T>? shouldHandle) => Add(m =>
    {
        if (m is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
        handler(typed);
        return true;
    });

    public void Add<T>(Func<T, bool> handler) => Add(m => m is T typed && handler(typed));

    public bool Handle(object message)
    {
        foreach (var handler in _handlers)
            if (handler(message)) return true;
        return false;
    }
}
