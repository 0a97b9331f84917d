namespace Polca.Actors.Dispatch;

/// <summary>Runs mailboxes on the .NET thread pool; the cell is its own work item, so scheduling allocates nothing.</summary>
internal sealed class ThreadPoolDispatcher(int throughput, bool preferLocal) : MessageDispatcher(throughput)
{
    /// <inheritdoc />
    public override void Schedule(ActorCell cell) => ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal);
}
