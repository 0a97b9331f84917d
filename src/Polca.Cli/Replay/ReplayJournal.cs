using Polca.Persistence;

namespace Polca.Cli.Replay;

/// <summary>An opened journal to replay: its raw event log, and how its storage errors read on the command line.</summary>
internal abstract class ReplayJournal : IAsyncDisposable
{
    /// <summary>The events, payloads still serialized.</summary>
    public abstract IEventLog Log { get; }

    /// <summary>What error messages name: the file, or the configuration naming the journal.</summary>
    public abstract string Subject { get; }

    /// <summary>A storage error met while reading as a message for the user, or null when it is not a storage error.</summary>
    public abstract ReplayInputException? Explain(Exception exception);

    /// <summary>Releases the connection(s).</summary>
    public abstract ValueTask DisposeAsync();
}
