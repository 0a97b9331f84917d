namespace Polca.Actors.Dispatch;

/// <summary>Undo one suspension.</summary>
internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}
