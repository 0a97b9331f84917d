namespace Polca.Persistence.Tests.Services;

/// <summary>
/// A theory that needs PostgreSQL: skipped, with the reason, when no server can be had, except under
/// <c>POLCA_REQUIRE_SERVICES=1</c>, where it runs and fails with that reason.
/// </summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when PostgreSQL is unavailable and services are not required.</summary>
    public PostgresTheoryAttribute()
    {
        var reason = PostgresServer.UnavailableReason;
        if (reason is not null && !PostgresServer.RequireServices) Skip = reason;
    }
}
