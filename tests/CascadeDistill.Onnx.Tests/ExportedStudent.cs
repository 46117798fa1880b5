using CascadeDistill.Export;
using CascadeDistill.Onnx.Export;
using CascadeDistill.Students;
using CascadeDistill.Testing.Students;

namespace CascadeDistill.Onnx.Tests;

/// <summary>The standard random student exported into a temporary directory.</summary>
public sealed class ExportedStudent : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public ExportedStudent(int seed = 17, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Weights = RandomTwoTowerWeightsBuilder.Standard().Build(seed);
        Metadata = metadata ?? new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["pipeline"] = "homefeed",
            ["model_version"] = "42",
            ["dataset_digest"] = "sha256:0123abcd",
        };
        Result = new OnnxExporter().Export(new OnnxExportRequest(Weights, _directory.Path, Metadata));
    }

    public TwoTowerWeights Weights { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public OnnxExportResult Result { get; }

    public string Directory => _directory.Path;

    public void Dispose() => _directory.Dispose();
}
