namespace Polca.Persistence.Tests.Services;

/// <summary>
/// Marks a test class whose <see cref="ServiceFactAttribute"/> tests need an external service: they are skipped with
/// <see cref="UnavailableReason"/> when it is not null, except under <c>POLCA_REQUIRE_SERVICES=1</c>, where they run and fail.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = true)]
public abstract class RequiresServiceAttribute : Attribute
{
    /// <summary>Null when the service can be had, else why not (a cheap check: nothing is started).</summary>
    public abstract string? UnavailableReason { get; }
}
