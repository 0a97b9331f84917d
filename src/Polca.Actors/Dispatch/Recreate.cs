namespace Polca.Actors.Dispatch;

/// <summary>Replace the failed actor instance by a new one.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}
