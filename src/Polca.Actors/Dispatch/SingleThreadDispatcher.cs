namespace Polca.Actors.Dispatch;

/// <summary>Runs every mailbox on one dedicated thread in first-come order: with a seed and virtual time, runs are reproducible.</summary>
internal sealed class SingleThreadDispatcher : MessageDispatcher
{
    private readonly Queue<ActorCell> _queue = new();
    private readonly Thread _thread;
    private bool _stopping;

    public SingleThreadDispatcher(int throughput, string name) : base(throughput)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = $"polca-{name}-dispatcher" };
        _thread.Start();
    }

    /// <inheritdoc />
    public override void Schedule(ActorCell cell)
    {
        lock (_queue)
        {
            _queue.Enqueue(cell);
            if (_queue.Count == 1) Monitor.Pulse(_queue);
        }
    }

    /// <inheritdoc />
    public override void Shutdown()
    {
        lock (_queue)
        {
            _stopping = true;
            Monitor.Pulse(_queue);
        }
    }

    private void Loop()
    {
        while (true)
        {
            ActorCell cell;
            lock (_queue)
            {
                while (_queue.Count == 0)
                {
                    if (_stopping) return;
                    Monitor.Wait(_queue);
                }
                cell = _queue.Dequeue();
            }
            cell.Run();
        }
    }
}
