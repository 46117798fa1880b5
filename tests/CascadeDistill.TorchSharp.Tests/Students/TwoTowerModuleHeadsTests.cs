using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Students;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Students;
using CascadeDistill.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Students;

/// <summary>Per-objective heads on a shared bottom: what each head, the fused logit and the serving vectors compute.</summary>
public sealed class TwoTowerModuleHeadsTests
{
    private static readonly KeyValuePair<string, double>[] s_heads = [new("click", 1.0), new("finish", 0.5)];
    private const int HeadWidth = 6;

    [Fact]
    public void Forward_TwoHeads_EachHeadUnitNormAndLogitsAreTheHeadDotProducts()
    {
        DatasetChunk chunk = SyntheticDistillationProblem.Chunks(count: 1, rows: 9, seed: 5)[0];
        using TwoTowerModule model = Model();
        model.eval();
        using IDisposable noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        TowerInput user = TowerInput.Create(model.User.Features, chunk.Features, CPU);
        TowerInput item = TowerInput.Create(model.Item.Features, chunk.Features, CPU);

        float[] u = TensorArrays.ToArray(model.User.forward(user));
        float[] v = TensorArrays.ToArray(model.Item.forward(item));
        float[] heads = TensorArrays.ToArray(model.ForwardHeads(user, item));
        float[] fused = TensorArrays.ToArray(model.forward(user, item));

        Assert.Equal(2 * HeadWidth, model.User.OutputWidth);
        for (int r = 0; r < chunk.Count; r++)
        {
            double expectedFused = 0;
            for (int k = 0; k < 2; k++)
            {
                double norm = 0, dot = 0;
                for (int d = 0; d < HeadWidth; d++)
                {
                    int at = (r * 2 * HeadWidth) + (k * HeadWidth) + d;
                    norm += u[at] * u[at];
                    dot += u[at] * v[at];
                }
                Assert.Equal(1.0, Math.Sqrt(norm), 5);
                // The biases start at 0: logit_k = dot(u_k, v_k) / T.
                Assert.Equal(dot / 0.2, heads[(r * 2) + k], 4);
                expectedFused += s_heads[k].Value * heads[(r * 2) + k];
            }
            Assert.Equal(expectedFused, fused[r], 4);
        }
    }

    [Fact]
    public void Encode_TwoHeads_ServingDotIsTheFusionWeightedSumOfHeadDots_AndMatchesTheReference()
    {
        DatasetChunk chunk = SyntheticDistillationProblem.Chunks(count: 1, rows: 9, seed: 6)[0];
        using var student = new TorchTrainedStudent(Model(), [], CPU);

        float[] users = student.EncodeUsers(chunk.Features);
        float[] items = student.EncodeItems(chunk.Features);
        float[] userHeads = student.EncodeUserHeads(chunk.Features);
        float[] itemHeads = student.EncodeItemHeads(chunk.Features);
        TwoTowerWeights weights = student.ExportWeights();

        Assert.Equal(["click", "finish"], student.HeadNames);
        Assert.Equal([1f, 0.5f], weights.User.Heads!.Scales);
        Assert.Equal([1f, 1f], weights.Item.Heads!.Scales);
        Assert.Equal(2 * HeadWidth, weights.EmbeddingDim);
        AssertClose(TowerReference.Forward(weights.User, chunk.Features), users);
        AssertClose(TowerReference.Forward(weights.Item, chunk.Features), items);
        AssertClose(TowerReference.ForwardHeads(weights.User, chunk.Features), userHeads);
        AssertClose(TowerReference.ForwardHeads(weights.Item, chunk.Features), itemHeads);
        int width = 2 * HeadWidth;
        for (int r = 0; r < chunk.Count; r++)
        {
            double serving = 0, weighted = 0;
            for (int d = 0; d < width; d++)
            {
                serving += users[(r * width) + d] * items[(r * width) + d];
                weighted += s_heads[d / HeadWidth].Value * userHeads[(r * width) + d] * itemHeads[(r * width) + d];
            }
            Assert.Equal(weighted, serving, 4);
        }
    }

    private static TwoTowerModule Model() =>
        new(SyntheticDistillationProblem.Student(embeddingDim: HeadWidth), SyntheticDistillationProblem.Features, SyntheticDistillationProblem.Statistics, seed: 3, s_heads);

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"index {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
