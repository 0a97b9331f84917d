namespace Polca.Actors;

/// <summary>An actor whose behaviour is a list of typed handlers registered in its constructor (or in Become).</summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly MessageHandlers _initial = new();
    private MessageHandlers? _building;
    private bool _constructed;

    /// <summary>Creates the actor; handlers are registered by the derived constructor.</summary>
    protected ReceiveActor() => _building = _initial;

    private MessageHandlers Building
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
        Building.Add(handler, shouldHandle);

    /// <summary>Handles messages of type <typeparamref name="T"/> that pass <paramref name="shouldHandle"/>.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Building.Add(handler, shouldHandle);

    /// <summary>Offers messages of type <typeparamref name="T"/> to <paramref name="handler"/>, which returns whether it handled them.</summary>
    protected void Receive<T>(Func<T, bool> handler) => Building.Add(handler);

    /// <summary>Handles any message not handled by an earlier registration.</summary>
    protected void ReceiveAny(Action<object> handler) => Building.Add(handler, null);

    /// <summary>Handles messages of type <typeparamref name="T"/> asynchronously; no other message is processed until the task completes.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null) =>
        Building.Add<T>(typed => RunAsync(() => handler(typed)), shouldHandle);

    /// <summary>Handles any message asynchronously.</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler) => Building.Add<object>(message => RunAsync(() => handler(message)), null);

    /// <summary>Replaces the behaviour by the handlers that <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Become(Configure(configure).Handle);

    /// <summary>Pushes the behaviour made of the handlers that <paramref name="configure"/> registers.</summary>
    protected void BecomeStacked(Action configure) => BecomeStacked(Configure(configure).Handle);

    private MessageHandlers Configure(Action configure)
    {
        var previous = _building;
        var table = new MessageHandlers();
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

    private void RunAsync(Func<Task> handler) => Cell.RunTask(handler);
}
