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
        return new OnnxExportResult(Path.GetFullPath(userPath), Path.GetFullPath(itemPath))
        {
            HeadOutputs = [.. (weights.User.Heads?.Names ?? []).Select(n => new HeadOutputNames(
                n,
                TowerGraphFactory.HeadOutputName(OnnxExportConventions.UserOutputName, n),
                TowerGraphFactory.HeadOutputName(OnnxExportConventions.ItemOutputName, n)))],
        };
    }

    private static void Validate(OnnxExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Weights);
        string[] reserved = request.Metadata.Keys.Where(OnnxMetadataKeys.Reserved.Contains).Order(StringComparer.Ordinal).ToArray();
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
        problems.AddRange(HeadProblems(weights));
        if (!float.IsFinite(weights.Temperature) || weights.Temperature <= 0)
        {
            problems.Add($"temperature: {weights.Temperature} must be finite and positive.");
        }
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"Cannot export the student:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
    }

    private static IEnumerable<string> HeadProblems(TwoTowerWeights weights)
    {
        TowerHeads? user = weights.User.Heads;
        TowerHeads? item = weights.Item.Heads;
        if (user is null && item is null)
        {
            yield break;
        }
        if (user is null || item is null || !user.Names.SequenceEqual(item.Names, StringComparer.Ordinal))
        {
            yield return "heads: the user and item towers must have the same heads, in the same order.";
            yield break;
        }
        foreach ((string side, TowerWeights tower) in new[] { ("user", weights.User), ("item", weights.Item) })
        {
            TowerHeads heads = tower.Heads!;
            if (heads.Count < 1 || heads.Scales.Count != heads.Count || tower.OutputWidth % heads.Count != 0)
            {
                yield return $"{side}.heads: {heads.Count} heads with {heads.Scales.Count} scales cannot split {tower.OutputWidth} outputs.";
            }
            if (heads.Scales.Any(s => !float.IsFinite(s) || s <= 0))
            {
                yield return $"{side}.heads: every scale must be finite and positive.";
            }
            if (heads.Names.Any(n => string.IsNullOrEmpty(n) || n.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '_'))))
            {
                yield return $"{side}.heads: objective names must be ASCII letters, digits or '_' (they name graph outputs).";
            }
        }
    }

    private static void Write(string path, ModelProto model) => AtomicFile.Write(path, model.WriteTo);
}
