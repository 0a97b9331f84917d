namespace Polca.Actors.Dispatch;

/// <summary>Runs mailboxes that have work on threads.</summary>
internal abstract class MessageDispatcher(int throughput)
{
    /// <summary>User messages an actor processes per turn before yielding the thread.</summary>
    public int Throughput { get; } = throughput;

    /// <summary>Queues the cell to run once.</summary>
    public abstract void Schedule(ActorCell cell);

    /// <summary>Runs a cell handed to a thread by the dispatcher.</summary>
    public virtual void Execute(ActorCell cell) => cell.Run();

    /// <summary>Stops dispatching.</summary>
    public virtual void Shutdown() { }
}
