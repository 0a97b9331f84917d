namespace Polca.Actors.Dispatch;

/// <summary>Run an await continuation of the actor's async handler inside the actor.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;
    public object? State { get; } = state;
}
