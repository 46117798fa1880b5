using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Losses;
using CascadeDistill.Torch.Students;
using CascadeDistill.Torch.Training;
using CascadeDistill.Training.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Tests.Training;

/// <summary>How the in-batch trainer lays out a batch: distinct item columns, own candidates, targets, log q.</summary>
public sealed class InBatchTrainingBatchTests
{
    private const int S = DatasetChunkBuilder.SampledPosition;
    private static readonly FeatureDefinition[] s_user = [.. SyntheticDistillationProblem.Features.Where(f => f.Side == FeatureSide.User)];
    private static readonly FeatureDefinition[] s_item = [.. SyntheticDistillationProblem.Features.Where(f => f.Side == FeatureSide.Item)];

    [Fact]
    public void Create_TwoRequestsSharingItems_OneColumnPerItemOwnMaskTargetAndLogQ()
    {
        // a: items 1 (top 1), 2, sampled 9;  b: items 2 (top 1), 4, sampled 1 — item 1 is a's candidate and b's negative.
        DatasetChunk chunk = Chunk(teacherOfA2: 0f);
        var estimator = new ItemFrequencyEstimator(1024, alpha: 0.5);
        estimator.Observe(1, [1]);

        InBatchTrainingBatch batch = Create(chunk, new InBatchDefinition(1.0, 0.5), estimator, step: 3);

        Assert.Equal([1L, 2, 9, 4], batch.ColumnItemIds);
        Assert.Equal(6, batch.Rows);
        Assert.Equal([true, true, false, false, false, true, false, true], batch.OwnValues);
        // a: 0.5 · [1, 0] (top 1) + 0.5 · softmax([2, 0]);  b: 0.5 · [1, 0] + 0.5 · softmax([1, 1])
        double e = Math.Exp(2) / (Math.Exp(2) + 1);
        float[] expected = [(float)(0.5 + (0.5 * e)), (float)(0.5 * (1 - e)), 0, 0, 0, 0.75f, 0, 0.25f];
        Assert.Equal(expected, batch.TargetValues, new FloatTolerance(1e-6f));
        // item 1 seen at steps 1 and 3: B = 0.5·1 + 0.5·2 = 1.5; the others first seen at step 3: B = 3
        Assert.Equal([(float)Math.Log(1 / 1.5), (float)Math.Log(1 / 3.0), (float)Math.Log(1 / 3.0), (float)Math.Log(1 / 3.0)], batch.LogQValues, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Create_NoLogQCorrection_LogQIsZero()
    {
        InBatchTrainingBatch batch = Create(Chunk(teacherOfA2: 0f), new InBatchDefinition(1.0, 0.5, LogQCorrection: false), new ItemFrequencyEstimator(1024, 0.5), step: 1);

        Assert.All(batch.LogQValues, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void LossAndGradient_TeacherLogitChanges_ChangeWithDistillationAndNotWithout()
    {
        using var model = new TwoTowerModule(SyntheticDistillationProblem.Student(), SyntheticDistillationProblem.Features, SyntheticDistillationProblem.Statistics, seed: 3);

        (double Loss, float[] Gradient) WithTeacher(float teacherOfA2, double distillationWeight)
        {
            InBatchTrainingBatch batch = Create(Chunk(teacherOfA2), new InBatchDefinition(1.0, distillationWeight), new ItemFrequencyEstimator(1024, 0.5), step: 1);
            model.zero_grad();
            Tensor loss = InBatchSoftmaxLoss.Compute(batch.Scores(model), batch.Own, batch.Target, batch.LogQ);
            loss.backward();
            float[] gradient = [.. model.parameters().Where(p => p.grad is not null).SelectMany(p => p.grad!.data<float>().ToArray())];
            return (loss.item<float>(), gradient);
        }

        (double lowLoss, float[] lowGradient) = WithTeacher(0f, 0.5);
        (double highLoss, float[] highGradient) = WithTeacher(3f, 0.5);
        (double hardLow, float[] hardLowGradient) = WithTeacher(0f, 0);
        (double hardHigh, float[] hardHighGradient) = WithTeacher(3f, 0);

        Assert.NotEqual(lowLoss, highLoss, 6);
        Assert.NotEqual(lowGradient, highGradient);
        Assert.Equal(hardLow, hardHigh, 9);
        Assert.Equal(hardLowGradient, hardHighGradient);
    }

    private static InBatchTrainingBatch Create(DatasetChunk chunk, InBatchDefinition definition, ItemFrequencyEstimator estimator, long step)
    {
        RequestList[] lists = [.. RequestListStream.Windows([chunk]).SelectMany(w => w)];
        return InBatchTrainingBatch.Create(lists, s_user, s_item, definition, estimator, step, torch.CPU);
    }

    private static DatasetChunk Chunk(float teacherOfA2)
    {
        DatasetChunk source = SyntheticDistillationProblem.Chunk(6, new Random(2));
        return new DatasetChunk
        {
            RequestIds = ["a", "a", "a", "b", "b", "b"],
            ItemIds = [1, 2, 9, 2, 4, 1],
            Positions = [1, 2, S, 1, 0, S],
            Labels = [1, 0, 0, 1, 0, 0],
            Weights = [2, 1, 1, 3, 1, 1],
            SoftLabels = source.SoftLabels,
            TeacherLogits = [2, teacherOfA2, float.NaN, 1, 1, float.NaN],
            Features = source.Features,
        };
    }

    private sealed class FloatTolerance(float epsilon) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(float obj) => 0;
    }
}
