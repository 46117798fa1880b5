using CascadeDistill.Export;
using CascadeDistill.Onnx.Export;
using CascadeDistill.Students;
using CascadeDistill.Testing.Students;

namespace CascadeDistill.Onnx.Tests;

/// <summary>The standard random student exported into a temporary directory.</summary>
public sealed class ExportedStudent : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public ExportedStudent(int seed = 17, IReadOnlyDictionary<string, string>? metadata = null, Func<TwoTowerWeights, TwoTowerWeights>? change = null)
    {
        Weights = RandomTwoTowerWeightsBuilder.Standard().Build(seed);
        Weights = change is null ? Weights : change(Weights);
        Metadata = metadata ?? new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["pipeline"] = "homefeed",
            ["model_version"] = "42",
            ["dataset_digest"] = "sha256:0123abcd",
        };
        Result = new OnnxExporter().Export(new OnnxExportRequest(Weights, _directory.Path, Metadata));
    }

    public TwoTowerWeights Weights { get; }

    /// <summary>The standard student (both towers end in 8 outputs) with two per-objective heads of 4: click (user scale 1) and finish (0.5).</summary>
    public static ExportedStudent WithHeads(int seed = 17) => new(seed, change: w => w with
    {
        User = w.User with { Heads = new TowerHeads(["click", "finish"], [1f, 0.5f]) },
        Item = w.Item with { Heads = TowerHeads.Unscaled(["click", "finish"]) },
    });

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public OnnxExportResult Result { get; }

    public string Directory => _directory.Path;

    public void Dispose() => _directory.Dispose();
}
