using System.Reflection;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Conventions;

/// <summary>The core holds the domain and references no infrastructure package.</summary>
public sealed class CoreReferencesTests
{
    public static TheoryData<string> InfrastructureAssemblies() =>
    [
        "TorchSharp",
        "Apache.Arrow",
        "Microsoft.ML.OnnxRuntime",
        "Google.Protobuf",
        "Dapper",
        "Microsoft.Data.Sqlite",
        "Microsoft.Data.SqlClient",
        "Hangfire",
    ];

    [Theory]
    [MemberData(nameof(InfrastructureAssemblies))]
    public void CoreAssembly_References_ExcludeInfrastructure(string infrastructure)
    {
        AssemblyName[] references = typeof(PipelineDefinition).Assembly.GetReferencedAssemblies();

        Assert.DoesNotContain(references, r =>
            r.Name is string name
            && (name == infrastructure || name.StartsWith(infrastructure + ".", StringComparison.Ordinal)));
    }
}
