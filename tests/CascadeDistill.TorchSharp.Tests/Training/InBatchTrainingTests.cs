using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;
using CascadeDistill.Testing.Training;
using CascadeDistill.Torch.Training;
using CascadeDistill.Training;

namespace CascadeDistill.Torch.Tests.Training;

/// <summary>The trainer with <see cref="TrainingObjective.InBatchSoftmax"/>: whole requests, in-batch softmax with logQ and the teacher's target.</summary>
public sealed class InBatchTrainingTests
{
    private readonly TorchStudentTrainer _trainer = new();

    [Fact]
    public void Train_InBatchOnLearnableProblem_LossDecreasesAndEveryRowIsSeen()
    {
        IReadOnlyList<DatasetChunk> chunks = [RequestChunk(requests: 60, seed: 1), RequestChunk(requests: 60, seed: 2)];

        using ITrainedStudent student = _trainer.Train(Request(chunks, epochs: 5, seed: 7, new InBatchDefinition(1.0, 0.5)), null, CancellationToken.None);

        Assert.Equal(5, student.Curve.Count);
        Assert.All(student.Curve, e => Assert.Equal(1200, e.Examples));
        Assert.All(student.Curve, e => Assert.True(double.IsFinite(e.MeanLoss) && e.MeanLoss > 0));
        Assert.True(student.Curve[^1].MeanLoss < student.Curve[0].MeanLoss - 0.05,
            $"first {student.Curve[0].MeanLoss}, last {student.Curve[^1].MeanLoss}");
    }

    [Fact]
    public void Train_TeacherLogitsChanged_WeightsChangeOnlyWhenTheTeacherHasWeight()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 1, rows: 300, seed: 3);
        IReadOnlyList<DatasetChunk> otherTeacher = [.. chunks.Select(WithReversedTeacher)];

        float[] distilled = TrainAndFlatten(Request(chunks, epochs: 1, seed: 11, new InBatchDefinition(1.0, 0.5)));
        float[] distilledOther = TrainAndFlatten(Request(otherTeacher, epochs: 1, seed: 11, new InBatchDefinition(1.0, 0.5)));
        float[] hard = TrainAndFlatten(Request(chunks, epochs: 1, seed: 11, new InBatchDefinition(1.0, 0)));
        float[] hardOther = TrainAndFlatten(Request(otherTeacher, epochs: 1, seed: 11, new InBatchDefinition(1.0, 0)));

        Assert.NotEqual(distilled, distilledOther);
        Assert.Equal(hard, hardOther);
    }

    [Fact]
    public void Train_InBatchSameSeed_ExportsIdenticalWeights()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 2, rows: 300, seed: 3);

        float[] first = TrainAndFlatten(Request(chunks, epochs: 2, seed: 11, new InBatchDefinition(1.0, 0.5)));
        float[] second = TrainAndFlatten(Request(chunks, epochs: 2, seed: 11, new InBatchDefinition(1.0, 0.5)));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Train_InBatchWithoutSettings_IsInvalid()
    {
        IReadOnlyList<DatasetChunk> chunks = SyntheticDistillationProblem.Chunks(count: 1, rows: 20, seed: 5);

        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            _trainer.Train(Request(chunks, epochs: 1, seed: 1, new InBatchDefinition(1.0, 0.5)) with { InBatch = null }, null, CancellationToken.None));
        Assert.Contains("dataset.inbatch", error.Message, StringComparison.Ordinal);
    }

    private static TrainStudentRequest Request(IReadOnlyList<DatasetChunk> chunks, int epochs, int seed, InBatchDefinition inBatch) =>
        SyntheticDistillationProblem.Request(SyntheticDistillationProblem.Training(epochs: epochs, batchSize: 64, seed: seed), chunks)
            with { Objective = TrainingObjective.InBatchSoftmax, InBatch = inBatch };

    /// <summary>
    /// Requests of 10 rows with one user each (category <c>floor_mod(user, 8)</c>): 8 candidates, half of the
    /// user's category, whose teacher logit is high for a match, ranked by it (top 3 labelled), then 2 sampled
    /// negatives of any category.
    /// </summary>
    internal static DatasetChunk RequestChunk(int requests, int seed)
    {
        var random = new Random(seed);
        int rows = requests * 10;
        var requestIds = new string[rows];
        var users = new long[rows];
        var histories = new IReadOnlyList<long>[rows];
        var ages = new float[rows];
        var items = new long[rows];
        var categories = new long[rows];
        var prices = new float[rows];
        var positions = new int[rows];
        var labels = new float[rows];
        var weights = new float[rows];
        var teacher = new float[rows];
        for (int r = 0; r < requests; r++)
        {
            long user = random.NextInt64(-500, 500);
            long category = FeatureDefinition.Bucket(user, SyntheticDistillationProblem.Categories);
            long[] history = [.. Enumerable.Range(0, 3).Select(_ => (random.NextInt64(-100, 100) * 8) + category)];
            var logits = new float[8];
            for (int c = 0; c < 10; c++)
            {
                int row = (r * 10) + c;
                requestIds[row] = $"{seed}-{r}";
                users[row] = user;
                histories[row] = history;
                ages[row] = 35;
                bool match = c < 8 && c % 2 == 0;
                categories[row] = match ? category : (category + 1 + random.Next(7)) % 8;
                items[row] = (random.NextInt64(-100, 100) * 8) + categories[row];
                prices[row] = (float)(random.NextDouble() * 20);
                if (c < 8)
                {
                    logits[c] = (match ? 2f : -2f) + (float)random.NextDouble();
                    teacher[row] = logits[c];
                }
                else
                {
                    positions[row] = DatasetChunkBuilder.SampledPosition;
                    teacher[row] = float.NaN;
                }
                weights[row] = 1;
            }
            int[] order = [.. Enumerable.Range(0, 8).OrderByDescending(c => logits[c])];
            for (int rank = 0; rank < 8; rank++)
            {
                int row = (r * 10) + order[rank];
                positions[row] = rank + 1;
                labels[row] = rank < 3 ? 1 : 0;
            }
        }
        return new DatasetChunk
        {
            RequestIds = requestIds,
            ItemIds = items,
            Positions = positions,
            Labels = labels,
            Weights = weights,
            SoftLabels = [.. labels.Select(_ => float.NaN)],
            TeacherLogits = teacher,
            Features = new FeatureBatch(rows, new Dictionary<string, FeatureColumn>(StringComparer.Ordinal)
            {
                ["user_id"] = new CategoricalColumn(users),
                ["user_history"] = MultiCategoricalColumn.FromRows(histories),
                ["user_age"] = new NumericColumn(ages),
                ["item_id"] = new CategoricalColumn(items),
                ["item_category"] = new CategoricalColumn(categories),
                ["item_price"] = new NumericColumn(prices),
            }),
        };
    }

    private static DatasetChunk WithReversedTeacher(DatasetChunk chunk) => new()
    {
        RequestIds = chunk.RequestIds,
        ItemIds = chunk.ItemIds,
        Positions = chunk.Positions,
        Labels = chunk.Labels,
        Weights = chunk.Weights,
        SoftLabels = chunk.SoftLabels,
        TeacherLogits = [.. chunk.TeacherLogits.Select(t => -t)],
        Features = chunk.Features,
    };

    private float[] TrainAndFlatten(TrainStudentRequest request)
    {
        using ITrainedStudent student = _trainer.Train(request, null, CancellationToken.None);
        TwoTowerWeights weights = student.ExportWeights();
        return [.. Flatten(weights.User), .. Flatten(weights.Item)];
    }

    private static IEnumerable<float> Flatten(TowerWeights tower) =>
        tower.Features
            .Where(f => f.Kind != FeatureKind.Numeric)
            .SelectMany(f => tower.Embeddings[f.Name].Values)
            .Concat(tower.Layers.SelectMany(l => l.Weight.Values.Concat(l.Bias)));
}
