using CascadeDistill.Features;
using CascadeDistill.Onnx.Contracts;
using CascadeDistill.Students;
using DataType = CascadeDistill.Onnx.Schema.TensorProto.Types.DataType;

namespace CascadeDistill.Onnx.Export;

/// <summary>Per-feature encodings; each returns a float [batch, InputWidth] value.</summary>
internal static partial class TowerGraphFactory
{
    /// <summary><c>E[floor_mod(id, B)]</c>. ONNX Mod with fmod=0 takes the divisor's sign, so B &gt; 0 gives a bucket in [0, B).</summary>
    private static string EncodeCategorical(OnnxGraphBuilder graph, FeatureDefinition feature, DenseMatrix table)
    {
        string bucket = Bucket(graph, feature, feature.Name);
        string embeddings = AddTable(graph, feature, table);
        return graph.AddNode("Gather", $"{feature.Name}/embedding", [embeddings, bucket], OnnxGraphBuilder.IntAttribute("axis", 0));
    }

    /// <summary>
    /// Masked mean of <c>E[floor_mod(id, B)]</c> over the first <c>min(length, MaxLength, padded width)</c>
    /// ids of each row; zero vector when that count is 0. Padding ids are hashed too (always a valid
    /// bucket) but multiplied by a zero mask, so their values never matter.
    /// </summary>
    private static string EncodeMultiCategorical(OnnxGraphBuilder graph, FeatureDefinition feature, DenseMatrix table)
    {
        string name = feature.Name;
        string zero = graph.AddInt64Tensor($"{name}/zero", [0L], 1);
        string maxLength = graph.AddInt64Tensor($"{name}/max_length", [feature.MaxLength], 1);
        string one = graph.AddInt64Tensor($"{name}/one", [1L], 1);
        string cut = graph.AddNode("Slice", $"{name}/truncated", [name, zero, maxLength, one]);

        string bucket = Bucket(graph, feature, cut);
        string embeddings = AddTable(graph, feature, table);
        string gathered = graph.AddNode("Gather", $"{name}/embeddings", [embeddings, bucket], OnnxGraphBuilder.IntAttribute("axis", 0));

        string width = graph.AddNode(
            "Shape",
            $"{name}/width",
            [cut],
            OnnxGraphBuilder.IntAttribute("start", 1),
            OnnxGraphBuilder.IntAttribute("end", 2));
        string widthScalar = graph.AddNode("Squeeze", $"{name}/width_scalar", [width, zero]);
        string zeroScalar = graph.AddInt64Tensor($"{name}/range_start", [0L]);
        string oneScalar = graph.AddInt64Tensor($"{name}/range_step", [1L]);
        string positions = graph.AddNode("Range", $"{name}/positions", [zeroScalar, widthScalar, oneScalar]);

        string lengths = graph.AddNode("Unsqueeze", $"{name}/lengths", [TowerInputContract.LengthInputName(name), one]);
        string mask = graph.AddNode("Less", $"{name}/mask", [positions, lengths]);
        string maskFloat = graph.AddNode("Cast", $"{name}/mask_float", [mask], OnnxGraphBuilder.IntAttribute("to", (long)DataType.Float));
        string two = graph.AddInt64Tensor($"{name}/axis2", [2L], 1);
        string mask3 = graph.AddNode("Unsqueeze", $"{name}/mask3", [maskFloat, two]);
        string masked = graph.AddNode("Mul", $"{name}/masked", [gathered, mask3]);
        string sum = graph.AddNode("ReduceSum", $"{name}/sum", [masked, one], OnnxGraphBuilder.IntAttribute("keepdims", 0));
        string count = graph.AddNode("ReduceSum", $"{name}/count", [maskFloat, one], OnnxGraphBuilder.IntAttribute("keepdims", 1));
        string oneFloat = graph.AddFloatTensor($"{name}/one_float", [1f]);
        string divisor = graph.AddNode("Max", $"{name}/divisor", [count, oneFloat]);
        return graph.AddNode("Div", $"{name}/mean", [sum, divisor]);
    }

    /// <summary><c>(x - mean) / std</c> as a [batch, 1] column.</summary>
    private static string EncodeNumeric(OnnxGraphBuilder graph, FeatureDefinition feature, NumericStatistics stats)
    {
        string name = feature.Name;
        string one = graph.AddInt64Tensor($"{name}/axis1", [1L], 1);
        string column = graph.AddNode("Unsqueeze", $"{name}/column", [name, one]);
        string mean = graph.AddFloatTensor($"{name}/mean", [stats.Mean]);
        string std = graph.AddFloatTensor($"{name}/std", [stats.Std]);
        string centred = graph.AddNode("Sub", $"{name}/centred", [column, mean]);
        return graph.AddNode("Div", $"{name}/standardised", [centred, std]);
    }

    private static string Bucket(OnnxGraphBuilder graph, FeatureDefinition feature, string ids)
    {
        string buckets = graph.AddInt64Tensor($"{feature.Name}/hash_buckets", [feature.HashBuckets]);
        return graph.AddNode("Mod", $"{feature.Name}/bucket", [ids, buckets], OnnxGraphBuilder.IntAttribute("fmod", 0));
    }

    private static string AddTable(OnnxGraphBuilder graph, FeatureDefinition feature, DenseMatrix table) =>
        graph.AddFloatTensor($"{feature.Name}/table", table.Values, table.Rows, table.Columns);
}
