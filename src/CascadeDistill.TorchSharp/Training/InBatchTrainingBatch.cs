using CascadeDistill.Torch.Native;
using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Torch.Students;
using CascadeDistill.Training.Sampling;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// A batch of whole requests for the in-batch softmax: one user row per request (its first row; every
/// row of a request has the same user features) and one column per distinct item of the batch (its
/// first row; candidates and sampled catalogue negatives alike). Host arrays, row-major
/// <c>[Lists, Columns]</c>: <see cref="OwnValues"/> marks the request's own candidates (not its
/// sampled negatives), <see cref="TargetValues"/> is <c>(1 − λ)·p_hard + λ·p_teacher</c> on them,
/// <c>p_hard ∝ weight</c> over the teacher's top K (label 1), <c>p_teacher = softmax(teacher / T)</c>
/// over the request's candidates. Without positives the target is the teacher's part alone.
/// <see cref="LogQValues"/> is <c>log q</c> of each column from the frequency estimator, which is
/// first told that the batch's distinct items appeared at this step.
/// <para>
/// With ground truth (<c>training.ground_truth</c>) the label column holds the logged label and the weight
/// column alone marks the teacher's top K (0 elsewhere, InBatchRecipe): <c>p_hard ∝ weight</c>, and every own
/// candidate with a known label (not NaN; sampled negatives have none) becomes one ground-truth cell
/// <see cref="GroundTruthCells"/> (flat index <c>row · Columns + column</c>) with its 0/1 label.
/// </para>
/// </summary>
internal sealed class InBatchTrainingBatch : IDisposable
{
    private readonly List<(TowerInput Input, int[] Slots)> _users;
    private readonly List<(TowerInput Input, int[] Slots)> _items;

    private InBatchTrainingBatch(
        int lists, long[] columnItems, int rows, bool[] own, float[] target, float[] logQ,
        List<(TowerInput, int[])> users, List<(TowerInput, int[])> items, Device device,
        List<long>? groundTruthCells = null, List<float>? groundTruthLabels = null)
    {
        GroundTruthCount = groundTruthCells?.Count ?? 0;
        if (groundTruthCells is { Count: > 0 } && groundTruthLabels is not null)
        {
            GroundTruthCells = tensor(groundTruthCells.ToArray(), [groundTruthCells.Count], ScalarType.Int64, device);
            GroundTruthLabels = tensor(groundTruthLabels.ToArray(), [groundTruthLabels.Count], ScalarType.Float32, device);
        }
        Lists = lists;
        ColumnItemIds = columnItems;
        Rows = rows;
        OwnValues = own;
        TargetValues = target;
        LogQValues = logQ;
        _users = users;
        _items = items;
        long[] shape = [lists, columnItems.Length];
        Own = tensor(own, shape, device: device);
        Target = tensor(target, shape, ScalarType.Float32, device);
        LogQ = tensor(logQ, [logQ.Length], ScalarType.Float32, device);
        UserOrder = tensor(Inverse(users.SelectMany(u => u.Item2).ToArray()), ScalarType.Int64, device);
        ItemOrder = tensor(Inverse(items.SelectMany(i => i.Item2).ToArray()), ScalarType.Int64, device);
    }

    public int Lists { get; }

    public int Columns => ColumnItemIds.Length;

    /// <summary>The item of each column, in order of first appearance.</summary>
    public long[] ColumnItemIds { get; }

    /// <summary>Dataset rows (candidates and sampled negatives) the batch was built from.</summary>
    public int Rows { get; }

    public bool[] OwnValues { get; }

    public float[] TargetValues { get; }

    public float[] LogQValues { get; }

    public Tensor Own { get; }

    public Tensor Target { get; }

    public Tensor LogQ { get; }

    /// <summary>Own candidates with a known logged label (ground truth only; 0 otherwise).</summary>
    public int GroundTruthCount { get; }

    /// <summary><c>[GroundTruthCount]</c> flat indices <c>row · Columns + column</c> into the scores; null without any.</summary>
    public Tensor? GroundTruthCells { get; }

    /// <summary><c>[GroundTruthCount]</c> the cells' logged labels (1 when the logged value is &gt; 0.5, else 0); null without any.</summary>
    public Tensor? GroundTruthLabels { get; }

    private Tensor UserOrder { get; }

    private Tensor ItemOrder { get; }

    public static InBatchTrainingBatch Create(
        IReadOnlyList<RequestList> lists,
        IReadOnlyList<FeatureDefinition> userFeatures,
        IReadOnlyList<FeatureDefinition> itemFeatures,
        InBatchDefinition definition,
        ItemFrequencyEstimator estimator,
        long step,
        Device device,
        bool groundTruth = false)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(estimator);
        if (lists.Count == 0)
        {
            throw new ArgumentException("An in-batch batch needs at least one list.", nameof(lists));
        }
        var columnOf = new Dictionary<long, int>();
        var columnItems = new List<long>();
        var columnSource = new List<(DatasetChunk Chunk, int Row)>();
        var userSource = new (DatasetChunk Chunk, int Row)[lists.Count];
        int rows = 0;
        for (int l = 0; l < lists.Count; l++)
        {
            userSource[l] = (lists[l].Fragments[0].Chunk, lists[l].Fragments[0].Start);
            foreach (ListFragment fragment in lists[l].Fragments)
            {
                for (int row = fragment.Start; row < fragment.Start + fragment.Count; row++)
                {
                    long item = fragment.Chunk.ItemIds[row];
                    if (columnOf.TryAdd(item, columnItems.Count))
                    {
                        columnItems.Add(item);
                        columnSource.Add((fragment.Chunk, row));
                    }
                }
                rows += fragment.Count;
            }
        }

        int columns = columnItems.Count;
        var own = new bool[lists.Count * columns];
        var target = new float[own.Length];
        List<long>? cells = groundTruth ? [] : null;
        List<float>? cellLabels = groundTruth ? [] : null;
        for (int l = 0; l < lists.Count; l++)
        {
            FillTarget(lists[l], columnOf, definition, own.AsSpan(l * columns, columns), target.AsSpan(l * columns, columns), groundTruth);
            if (groundTruth)
            {
                AddGroundTruth(lists[l], columnOf, (long)l * columns, cells!, cellLabels!);
            }
        }

        long[] ids = [.. columnItems];
        estimator.Observe(step, ids);
        var logQ = new float[columns];
        for (int c = 0; c < columns; c++)
        {
            logQ[c] = definition.LogQCorrection ? (float)Math.Log(estimator.Probability(ids[c])) : 0f;
        }
        return new InBatchTrainingBatch(
            lists.Count, ids, rows, own, target, logQ,
            Inputs(userSource, userFeatures, device), Inputs(columnSource, itemFeatures, device), device, cells, cellLabels);
    }

    /// <summary><c>[Lists, Columns]</c> logits <c>dot(u_l, v_c) / temperature</c>.</summary>
    public Tensor Scores(TwoTowerModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Tensor users = Encode(model.User, _users, UserOrder);
        Tensor items = Encode(model.Item, _items, ItemOrder);
        return users.matmul(items.t()).DividedBy(model.Temperature);
    }

    public void Dispose()
    {
        foreach ((TowerInput input, _) in _users.Concat(_items))
        {
            input.Dispose();
        }
        Own.Dispose();
        Target.Dispose();
        LogQ.Dispose();
        GroundTruthCells?.Dispose();
        GroundTruthLabels?.Dispose();
        UserOrder.Dispose();
        ItemOrder.Dispose();
    }

    private static void AddGroundTruth(RequestList list, Dictionary<long, int> columnOf, long rowOffset, List<long> cells, List<float> labels)
    {
        foreach (ListFragment fragment in list.Fragments)
        {
            DatasetChunk chunk = fragment.Chunk;
            for (int row = fragment.Start; row < fragment.Start + fragment.Count; row++)
            {
                float label = chunk.Labels[row];
                if (chunk.Positions[row] == DatasetChunkBuilder.SampledPosition || float.IsNaN(label))
                {
                    continue;
                }
                cells.Add(rowOffset + columnOf[chunk.ItemIds[row]]);
                labels.Add(label > 0.5f ? 1f : 0f);
            }
        }
    }

    private static void FillTarget(RequestList list, Dictionary<long, int> columnOf, InBatchDefinition definition, Span<bool> own, Span<float> target, bool groundTruth)
    {
        var candidates = new List<(int Column, float Teacher, float Hard)>();
        foreach (ListFragment fragment in list.Fragments)
        {
            DatasetChunk chunk = fragment.Chunk;
            for (int row = fragment.Start; row < fragment.Start + fragment.Count; row++)
            {
                if (chunk.Positions[row] == DatasetChunkBuilder.SampledPosition)
                {
                    continue;
                }
                float teacher = chunk.TeacherLogits[row];
                if (!float.IsFinite(teacher))
                {
                    throw new InvalidDataException($"Request {list.RequestId}: candidate {chunk.ItemIds[row]} has a non-finite teacher logit ({teacher}).");
                }
                int column = columnOf[chunk.ItemIds[row]];
                own[column] = true;
                candidates.Add((column, teacher, groundTruth || chunk.Labels[row] > 0.5f ? chunk.Weights[row] : 0f));
            }
        }
        if (candidates.Count == 0)
        {
            return;
        }
        double hardSum = candidates.Sum(c => (double)c.Hard);
        double lambda = hardSum > 0 ? definition.DistillationWeight : 1.0;
        double max = candidates.Max(c => (double)c.Teacher);
        double[] soft = candidates.Select(c => Math.Exp((c.Teacher - max) / definition.TeacherTemperature)).ToArray();
        double softSum = soft.Sum();
        for (int i = 0; i < candidates.Count; i++)
        {
            double hard = hardSum > 0 ? candidates[i].Hard / hardSum : 0;
            target[candidates[i].Column] = (float)(((1 - lambda) * hard) + (lambda * soft[i] / softSum));
        }
    }

    private static List<(TowerInput, int[])> Inputs(IReadOnlyList<(DatasetChunk Chunk, int Row)> sources, IReadOnlyList<FeatureDefinition> features, Device device)
    {
        var result = new List<(TowerInput, int[])>();
        foreach (IGrouping<DatasetChunk, int> group in Enumerable.Range(0, sources.Count).GroupBy(i => sources[i].Chunk))
        {
            int[] slots = [.. group];
            int[] rows = slots.Select(i => sources[i].Row).ToArray();
            result.Add((TowerInput.Create(features, group.Key.Features, rows, device), slots));
        }
        return result;
    }

    private static Tensor Encode(TowerModule tower, List<(TowerInput Input, int[] Slots)> segments, Tensor order)
    {
        Tensor stacked = segments.Count == 1
            ? tower.forward(segments[0].Input)
            : cat(segments.Select(s => tower.forward(s.Input)).ToList(), 0);
        return stacked.index_select(0, order);
    }

    /// <summary>For slots listed in stacked order, the stacked index of each slot.</summary>
    private static long[] Inverse(int[] slotsInStackedOrder)
    {
        var inverse = new long[slotsInStackedOrder.Length];
        for (int i = 0; i < slotsInStackedOrder.Length; i++)
        {
            inverse[slotsInStackedOrder[i]] = i;
        }
        return inverse;
    }
}
