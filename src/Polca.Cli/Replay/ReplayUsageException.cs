namespace Polca.Cli.Replay;

/// <summary>The arguments of <c>polca replay</c> are wrong (unknown option, missing value, bad time); the message says which.</summary>
internal sealed class ReplayUsageException(string message) : Exception(message);
