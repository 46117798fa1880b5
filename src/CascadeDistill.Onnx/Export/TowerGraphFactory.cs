using CascadeDistill.Features;
using CascadeDistill.Onnx.Contracts;
using CascadeDistill.Onnx.Schema;
using CascadeDistill.Students;
using DataType = CascadeDistill.Onnx.Schema.TensorProto.Types.DataType;

namespace CascadeDistill.Onnx.Export;

/// <summary>
/// Builds the ONNX graph of one tower computing exactly <see cref="TowerReference.Forward"/>:
/// per-feature encodings (see <c>TowerGraphFactory.Features.cs</c>), Concat, Gemm layers with Relu
/// between them, then <c>v / max(||v||, 1e-12)</c>.
/// </summary>
internal static partial class TowerGraphFactory
{
    public static GraphProto Create(TowerWeights tower, string graphName, string outputName, string docString)
    {
        var graph = new OnnxGraphBuilder(graphName, docString);
        foreach (TowerInput input in TowerInputContract.For(tower.Features))
        {
            DataType type = input.ElementType == TowerInputContract.Float ? DataType.Float : DataType.Int64;
            graph.AddInput(input.Name, type, input.Shape);
        }

        var encodings = new List<string>(tower.Features.Count);
        foreach (FeatureDefinition feature in tower.Features)
        {
            encodings.Add(feature.Kind switch
            {
                FeatureKind.Categorical => EncodeCategorical(graph, feature, tower.Embeddings[feature.Name]),
                FeatureKind.MultiCategorical => EncodeMultiCategorical(graph, feature, tower.Embeddings[feature.Name]),
                FeatureKind.Numeric => EncodeNumeric(graph, feature, tower.Numerics[feature.Name]),
                _ => throw new ArgumentOutOfRangeException(nameof(tower), feature.Kind, $"Unknown kind of feature '{feature.Name}'."),
            });
        }

        string h = graph.AddNode("Concat", "tower_input", encodings, OnnxGraphBuilder.IntAttribute("axis", 1));
        for (int l = 0; l < tower.Layers.Count; l++)
        {
            h = Dense(graph, tower.Layers[l], l, h);
            if (l < tower.Layers.Count - 1)
            {
                h = graph.AddNode("Relu", $"layer{l}/relu", [h]);
            }
        }
        if (tower.Heads is null)
        {
            Normalize(graph, h, outputName, "norm");
            graph.AddOutput(outputName, DataType.Float, TowerInputContract.BatchDimension, tower.OutputWidth);
            return graph.Graph;
        }
        AddHeads(graph, tower, h, outputName);
        return graph.Graph;
    }

    /// <summary>The graph output holding one head's normalised vector: <c>OUTPUT.OBJECTIVE</c>.</summary>
    public static string HeadOutputName(string outputName, string objective) => outputName + "." + objective;

    /// <summary>
    /// Per-objective heads: head k = <c>Slice(h, k·d, (k+1)·d)</c> L2-normalised (an output of its own);
    /// the main output concatenates <c>scale_k · head_k</c>, as <see cref="TowerReference.Forward"/>.
    /// </summary>
    private static void AddHeads(OnnxGraphBuilder graph, TowerWeights tower, string h, string outputName)
    {
        TowerHeads heads = tower.Heads!;
        int width = tower.HeadWidth;
        string axes = graph.AddInt64Tensor("heads/axes", [1], 1);
        var scaled = new List<string>(heads.Count);
        for (int k = 0; k < heads.Count; k++)
        {
            string prefix = $"head{k}";
            string starts = graph.AddInt64Tensor($"{prefix}/starts", [k * width], 1);
            string ends = graph.AddInt64Tensor($"{prefix}/ends", [(k + 1) * width], 1);
            string slice = graph.AddNode("Slice", $"{prefix}/slice", [h, starts, ends, axes]);
            string headOutput = HeadOutputName(outputName, heads.Names[k]);
            Normalize(graph, slice, headOutput, $"{prefix}/norm");
            string scale = graph.AddFloatTensor($"{prefix}/scale", [heads.Scales[k]]);
            scaled.Add(graph.AddNode("Mul", $"{prefix}/scaled", [headOutput, scale]));
        }
        graph.AddNodeTo("Concat", outputName, scaled, OnnxGraphBuilder.IntAttribute("axis", 1));
        graph.AddOutput(outputName, DataType.Float, TowerInputContract.BatchDimension, tower.OutputWidth);
        for (int k = 0; k < heads.Count; k++)
        {
            graph.AddOutput(HeadOutputName(outputName, heads.Names[k]), DataType.Float, TowerInputContract.BatchDimension, width);
        }
    }

    /// <summary><c>Gemm(x, W, b, transB=1)</c>: W keeps the [out, in] layout of <see cref="DenseLayer"/>.</summary>
    private static string Dense(OnnxGraphBuilder graph, DenseLayer layer, int index, string x)
    {
        string w = graph.AddFloatTensor($"layer{index}/weight", layer.Weight.Values, layer.OutputWidth, layer.InputWidth);
        string b = graph.AddFloatTensor($"layer{index}/bias", layer.Bias, layer.OutputWidth);
        return graph.AddNode("Gemm", $"layer{index}/linear", [x, w, b], OnnxGraphBuilder.IntAttribute("transB", 1));
    }

    /// <summary>
    /// L2 normalisation. Like the reference, the sum of squares is accumulated in double
    /// (Cast → ReduceSumSquare → Sqrt → Cast) before the float division.
    /// </summary>
    private static void Normalize(OnnxGraphBuilder graph, string h, string outputName, string prefix)
    {
        string asDouble = graph.AddNode("Cast", $"{prefix}/to_double", [h], OnnxGraphBuilder.IntAttribute("to", (long)DataType.Double));
        string squares = graph.AddNode(
            "ReduceSumSquare",
            $"{prefix}/sum_squares",
            [asDouble],
            OnnxGraphBuilder.IntsAttribute("axes", 1),
            OnnxGraphBuilder.IntAttribute("keepdims", 1));
        string norm = graph.AddNode("Sqrt", $"{prefix}/sqrt", [squares]);
        string normFloat = graph.AddNode("Cast", $"{prefix}/to_float", [norm], OnnxGraphBuilder.IntAttribute("to", (long)DataType.Float));
        string epsilon = graph.AddFloatTensor($"{prefix}/epsilon", [TwoTowerWeights.NormEpsilon]);
        string clamped = graph.AddNode("Max", $"{prefix}/clamped", [normFloat, epsilon]);
        graph.AddNodeTo("Div", outputName, [h, clamped]);
    }
}
