namespace Polca.Persistence.Sqlite;

/// <summary>
/// A block that a coalesced replay must read for one of its requests: where that request's persistence id first
/// appears in it, and about how many of the request's events it holds (from the block table's first sequence numbers).
/// </summary>
internal readonly record struct SqliteReplayBlock(long Block, long FirstOrdering, long EstimatedEvents, ReplayRequest Request);
