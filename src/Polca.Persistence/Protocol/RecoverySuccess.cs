namespace Polca.Persistence;

/// <summary>Replay finished; the highest sequence number stored for the id.</summary>
public sealed record RecoverySuccess(long HighestSequenceNr);
