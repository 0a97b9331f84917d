namespace Polca.Actors;

/// <summary>An actor whose behaviour is a list of typed handlers registered in its constructor (or in Become).</summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerTable _initial = new();
    private HandlerTable? _building;
    private bool _constructed;

    /// <summary>Creates the actor; handlers are registered by the derived constructor.</summary>
    protected ReceiveActor() => _building = _initial;

    private HandlerTable Building
    {
        get
        {
            if (_building is null || (_constructed && ReferenceEquals(_building, _initial)))
                throw new InvalidOperationException("Receive handlers can only be registered in the constructor or inside Become(...)");
            return _building;
        }
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> (that pass <paramref name="shouldHandle"/>).</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        Building.Add(new ActionHandler<T>(handler, shouldHandle));

    /// <summary>Handles messages of type <typeparamref name="T"/> that pass <paramref name="shouldHandle"/>.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Building.Add(new ActionHandler<T>(handler, shouldHandle));

    /// <summary>Offers messages of type <typeparamref name="T"/> to <paramref name="handler"/>, which returns whether it handled them.</summary>
    protected void Receive<T>(Func<T, bool> handler) => Building.Add(new FuncHandler<T>(handler));

    /// <summary>Handles any message not handled by an earlier registration.</summary>
    protected void ReceiveAny(Action<object> handler) => Building.Add(new ActionHandler<object>(handler, null));

    /// <summary>Handles messages of type <typeparamref name="T"/> asynchronously; no other message is processed until the task completes.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        Building.Add(new AsyncHandler<T>(this, handler, shouldHandle));

    /// <summary>Handles any message asynchronously.</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler) => Building.Add(new AsyncHandler<object>(this, handler, null));

    /// <summary>Replaces the behaviour by the handlers that <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Become(Configure(configure).Handle);

    /// <summary>Pushes the behaviour made of the handlers that <paramref name="configure"/> registers.</summary>
    protected void BecomeStacked(Action configure) => BecomeStacked(Configure(configure).Handle);

    private HandlerTable Configure(Action configure)
    {
        var previous = _building;
        var table = new HandlerTable();
        _building = table;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }
        return table;
    }

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        if (!_constructed)
        {
            _constructed = true;
            _building = null;
        }
        return _initial.Handle(message);
    }

    internal void RunAsync(Func<Task> handler) => Cell.RunTask(handler);

    private sealed class HandlerTable
    {
        private Handler[] _handlers = [];

        public void Add(Handler handler) => _handlers = [.. _handlers, handler];

        public bool Handle(object message)
        {
            foreach (var handler in _handlers)
                if (handler.TryHandle(message)) return true;
            return false;
        }
    }

    private abstract class Handler
    {
        public abstract bool TryHandle(object message);
    }

    private sealed class ActionHandler<T>(Action<T> action, Predicate<T>? predicate) : Handler
    {
        public override bool TryHandle(object message)
        {
            if (message is not T typed || (predicate is not null && !predicate(typed))) return false;
            action(typed);
            return true;
        }
    }

    private sealed class FuncHandler<T>(Func<T, bool> handler) : Handler
    {
        public override bool TryHandle(object message) => message is T typed && handler(typed);
    }

    private sealed class AsyncHandler<T>(ReceiveActor owner, Func<T, Task> handler, Predicate<T>? predicate) : Handler
    {
        public override bool TryHandle(object message)
        {
            if (message is not T typed || (predicate is not null && !predicate(typed))) return false;
            owner.RunAsync(() => handler(typed));
            return true;
        }
    }
}
