namespace Polca.Actors.Dispatch;

/// <summary>A message of the runtime's own (watch, failure, stop, restart); it overtakes user messages.</summary>
internal abstract class SystemMessage
{
    /// <summary>Link in the mailbox's intrusive list.</summary>
    internal SystemMessage? Next;
}
