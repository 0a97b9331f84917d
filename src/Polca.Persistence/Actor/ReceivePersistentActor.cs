using Polca.Actors;

namespace Polca.Persistence;

/// <summary>A persistent actor whose command and recovery handlers are registered in its constructor (Akka.NET's ReceivePersistentActor).</summary>
public abstract class ReceivePersistentActor : Eventsourced
{
    private readonly MessageHandlers _commands = new();
    private readonly MessageHandlers _recovery = new();
    private MessageHandlers? _building;

    /// <summary>Handles commands of type <typeparamref name="T"/> (that pass <paramref name="shouldHandle"/>).</summary>
    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => (_building ?? _commands).Add(handler, shouldHandle);

    /// <summary>Offers commands of type <typeparamref name="T"/> to a handler that says whether it handled them.</summary>
    protected void Command<T>(Func<T, bool> handler) => (_building ?? _commands).Add(handler);

    /// <summary>Handles any command not handled by an earlier registration.</summary>
    protected void CommandAny(Action<object> handler) => (_building ?? _commands).Add(handler, null);

    /// <summary>Handles replayed events (and <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>) of type <typeparamref name="T"/>.</summary>
    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => _recovery.Add(handler, shouldHandle);

    /// <summary>Offers replayed events of type <typeparamref name="T"/> to a handler that says whether it handled them.</summary>
    protected void Recover<T>(Func<T, bool> handler) => _recovery.Add(handler);

    /// <summary>Handles any replayed message not handled by an earlier registration.</summary>
    protected void RecoverAny(Action<object> handler) => _recovery.Add(handler, null);

    /// <summary>Replaces the command handlers by those <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Become(Configure(configure).Handle);

    /// <summary>Pushes the command handlers <paramref name="configure"/> registers.</summary>
    protected void BecomeStacked(Action configure) => BecomeStacked(Configure(configure).Handle);

    private MessageHandlers Configure(Action configure)
    {
        var table = new MessageHandlers();
        var previous = _building;
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
    protected sealed override bool ReceiveCommand(object message) => _commands.Handle(message);

    /// <inheritdoc />
    protected sealed override bool ReceiveRecover(object message) => _recovery.Handle(message);
}
