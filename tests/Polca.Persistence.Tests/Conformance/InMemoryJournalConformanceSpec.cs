namespace Polca.Persistence.Tests.Conformance;

/// <summary>The journal conformance cases against <see cref="InMemoryJournal"/> (nothing to reopen, no storage to fail).</summary>
public sealed class InMemoryJournalConformanceSpec : JournalConformanceSpec
{
    /// <inheritdoc />
    protected override bool SupportsReopen => false;

    /// <inheritdoc />
    protected override Task<AsyncWriteJournal> CreateJournalAsync() => Task.FromResult<AsyncWriteJournal>(new InMemoryJournal());
}
