namespace Polca.Cli.Replay;

/// <summary>The journal cannot be replayed (missing, foreign, corrupt, unreachable); printed as <c>SUBJECT: message</c>.</summary>
internal sealed class ReplayInputException(string subject, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What the message is about: the file as the user named it, or the configuration that names the journal.</summary>
    public string Subject { get; } = subject;
}
