using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Polca.Persistence.Tests.Services;

/// <summary>Discovers <see cref="ServiceFactAttribute"/> tests: like a fact, skipped when the concrete test class's required service is unavailable.</summary>
public sealed class ServiceFactDiscoverer : FactDiscoverer
{
    /// <summary>Creates the discoverer (xunit passes its diagnostic sink).</summary>
    public ServiceFactDiscoverer(IMessageSink diagnosticMessageSink) : base(diagnosticMessageSink)
    {
    }

    /// <inheritdoc />
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var reason = SkipReason(testMethod.TestClass.Class);
        return reason is null
            ? base.CreateTestCase(discoveryOptions, testMethod, factAttribute)
            : new ServiceSkippedTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
    }

    /// <summary>Why tests of <paramref name="testClass"/> are skipped, or null when they run (services there, or required).</summary>
    private static string? SkipReason(ITypeInfo testClass)
    {
        if (PostgresServer.RequireServices || testClass is not IReflectionTypeInfo { Type: { } type }) return null;
        foreach (var requirement in type.GetCustomAttributes<RequiresServiceAttribute>(inherit: true))
        {
            if (requirement.UnavailableReason is { } reason) return reason;
        }
        return null;
    }
}
