namespace Polca.Persistence;

/// <summary>Delivered to the recovery handlers when recovery has finished, before any command.</summary>
public sealed class RecoveryCompleted
{
    /// <summary>The one instance.</summary>
    public static readonly RecoveryCompleted Instance = new();

    private RecoveryCompleted() { }
}
