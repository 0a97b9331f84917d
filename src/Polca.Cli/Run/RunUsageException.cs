namespace Polca.Cli.Run;

/// <summary>A mistake on <c>polca run</c>'s command line.</summary>
public sealed class RunUsageException(string message) : Exception(message);
