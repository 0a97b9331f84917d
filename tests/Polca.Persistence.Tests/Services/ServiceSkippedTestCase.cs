using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Polca.Persistence.Tests.Services;

/// <summary>A fact skipped because the service its test class requires is unavailable; the reason travels with it.</summary>
public sealed class ServiceSkippedTestCase : XunitTestCase
{
    private string? _reason;

    /// <summary>For the xunit deserializer only.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ServiceSkippedTestCase()
    {
    }

    /// <summary>Creates the skipped test case.</summary>
    public ServiceSkippedTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod, string reason)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
        _reason = reason;
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason ?? base.GetSkipReason(factAttribute);

    /// <inheritdoc />
    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("ServiceSkipReason", _reason);
    }

    /// <inheritdoc />
    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("ServiceSkipReason");
        base.Deserialize(data);
    }
}
