namespace Polca.Actors.Dispatch;

/// <summary>
/// Runs mailboxes on the .NET thread pool; the cell is its own work item, so scheduling allocates nothing. A mailbox
/// scheduled by an actor running on a pool thread is handed to that thread to run next (up to a bounded chain), which
/// spares a queue round trip for request-reply traffic; everything else goes through the pool's queues.
/// </summary>
internal sealed class ThreadPoolDispatcher(int throughput, bool preferLocal, int handoffLimit) : MessageDispatcher(throughput)
{
    [ThreadStatic] private static ActorCell? t_next;
    [ThreadStatic] private static bool t_running;

    /// <inheritdoc />
    public override void Schedule(ActorCell cell)
    {
        if (t_running && t_next is null)
        {
            t_next = cell;
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal);
    }

    /// <summary>Runs <paramref name="cell"/> and then the chain of cells handed over by the actors it ran.</summary>
    public override void Execute(ActorCell cell)
    {
        if (t_running)
        {
            cell.Run();
            return;
        }
        t_running = true;
        try
        {
            cell.Run();
            for (var chain = 0; chain < handoffLimit && t_next is { } next; chain++)
            {
                t_next = null;
                next.Run();
            }
        }
        finally
        {
            t_running = false;
            if (t_next is { } left)
            {
                t_next = null;
                ThreadPool.UnsafeQueueUserWorkItem(left, preferLocal);
            }
        }
    }
}
