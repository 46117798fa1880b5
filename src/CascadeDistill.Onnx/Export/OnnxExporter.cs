using CascadeDistill.IO;
using CascadeDistill.Export;
using CascadeDistill.Features;
using CascadeDistill.Onnx.Contracts;
using CascadeDistill.Onnx.Schema;
using CascadeDistill.Students;
using Google.Protobuf;

namespace CascadeDistill.Onnx.Export;

/// <summary>
/// Writes a two-tower student as <c>user_tower.onnx</c> and <c>item_tower.onnx</c> (IR 8, opset 17),
/// each computing <see cref="TowerReference.Forward"/> from raw logged values. Files are written
/// atomically; the output is byte-for-byte deterministic for the same request.
/// </summary>
public sealed class OnnxExporter : IOnnxExporter
{
    /// <exception cref="InvalidDataException">The weights are inconsistent (every problem is listed).</exception>
    /// <exception cref="ArgumentException">The request metadata uses a key the exporter reserves.</exception>
    public OnnxExportResult Export(OnnxExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Directory);
        ArgumentNullException.ThrowIfNull(request.Metadata);
        Validate(request);

        Directory.CreateDirectory(request.Directory);
        string userPath = Path.Combine(request.Directory, OnnxExportConventions.UserTowerFileName);
        string itemPath = Path.Combine(request.Directory, OnnxExportConventions.ItemTowerFileName);
        TwoTowerWeights weights = request.Weights;
        Write(userPath, TowerModelFactory.Create(weights.User, FeatureSide.User, weights.Temperature, request.Metadata));
        Write(itemPath, TowerModelFactory.Create(weights.Item, FeatureSide.Item, weights.Temperature, request.Metadata));
        return new OnnxExportResult(Path.GetFullPath(userPath), Path.GetFullPath(itemPath));
    }

    private static void Validate(OnnxExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Weights);
        string[] reserved = request.Metadata.Keys.Where(OnnxMetadataKeys.All.Contains).Order(StringComparer.Ordinal).ToArray();
        if (reserved.Length > 0)
        {
            throw new ArgumentException($"Metadata keys reserved by the exporter: {string.Join(", ", reserved)}.", nameof(request));
        }

        TwoTowerWeights weights = request.Weights;
        var problems = new List<string>();
        problems.AddRange(TowerWeightsValidator.Validate(weights.User, FeatureSide.User, "user"));
        problems.AddRange(TowerWeightsValidator.Validate(weights.Item, FeatureSide.Item, "item"));
        if (problems.Count == 0 && weights.User.OutputWidth != weights.Item.OutputWidth)
        {
            problems.Add($"towers: user output width {weights.User.OutputWidth} differs from item output width {weights.Item.OutputWidth}.");
        }
        if (!float.IsFinite(weights.Temperature) || weights.Temperature <= 0)
        {
            problems.Add($"temperature: {weights.Temperature} must be finite and positive.");
        }
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"Cannot export the student:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
    }

    private static void Write(string path, ModelProto model) => AtomicFile.Write(path, model.WriteTo);
}
