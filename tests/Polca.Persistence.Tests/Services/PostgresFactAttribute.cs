namespace Polca.Persistence.Tests.Services;

/// <summary>
/// A fact that needs PostgreSQL: skipped, with the reason, when no server can be had, except under
/// <c>POLCA_REQUIRE_SERVICES=1</c>, where it runs and fails with that reason.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when PostgreSQL is unavailable and services are not required.</summary>
    public PostgresFactAttribute()
    {
        var reason = PostgresServer.UnavailableReason;
        if (reason is not null && !PostgresServer.RequireServices) Skip = reason;
    }
}
