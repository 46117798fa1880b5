using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CascadeDistill.Testing.Xunit;

/// <summary>
/// A test case whose skip reason comes from the concrete test class's <see cref="RequiresEnvironmentVariableAttribute"/>
/// (looked up again after the runner de-serialises the case, so it reflects the environment of the run).
/// </summary>
public sealed class StoreTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer only.")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var requirement = TestMethod.TestClass.Class.ToRuntimeType()
            .GetCustomAttributes(typeof(RequiresEnvironmentVariableAttribute), inherit: true)
            .OfType<RequiresEnvironmentVariableAttribute>()
            .FirstOrDefault();
        return requirement?.SkipReason() ?? base.GetSkipReason(factAttribute);
    }
}
