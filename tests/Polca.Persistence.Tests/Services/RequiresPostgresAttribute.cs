namespace Polca.Persistence.Tests.Services;

/// <summary>Marks a test class that needs PostgreSQL (see <see cref="PostgresServer"/>); its <see cref="ServiceFactAttribute"/> tests skip without it.</summary>
public sealed class RequiresPostgresAttribute : RequiresServiceAttribute
{
    /// <inheritdoc />
    public override string? UnavailableReason => PostgresServer.UnavailableReason;
}
