using Xunit.Sdk;

namespace Polca.Persistence.Tests.Services;

/// <summary>
/// A fact for shared (e.g. conformance) test bases: a plain <see cref="FactAttribute"/>, except that in a test class marked
/// with a <see cref="RequiresServiceAttribute"/> whose service is unavailable it is skipped with the reason, unless
/// <c>POLCA_REQUIRE_SERVICES=1</c>, where it runs (and fails with the reason).
/// </summary>
[XunitTestCaseDiscoverer("Polca.Persistence.Tests.Services.ServiceFactDiscoverer", "Polca.Persistence.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ServiceFactAttribute : FactAttribute
{
}
