namespace Polca.Actors.Dispatch;

/// <summary>The actor's pending async handler has finished.</summary>
internal sealed class AsyncHandlerCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}
