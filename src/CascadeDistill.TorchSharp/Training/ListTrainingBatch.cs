using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Torch.Students;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// A batch of whole requests for a list or pair loss. The item tower reads every row once per source
/// chunk (a request cut by a chunk boundary spans two) and the flat item vectors are gathered into
/// <c>[Lists, MaxLength]</c> by <see cref="Index"/>; the user tower reads one row per list (its first:
/// the log contract repeats a request's user features on every row), so a list of n candidates costs
/// one user-tower row instead of n. <see cref="Mask"/> is true for real items, and the teacher logits,
/// item weights, positions and labels are laid out the same way (padding holds 0, index 0, mask false).
/// </summary>
internal sealed class ListTrainingBatch : IDisposable
{
    private readonly List<TowerInput> _items;
    private readonly List<TowerInput> _users;

    private ListTrainingBatch(
        int lists, int maxLength, int rows, bool[] maskValues, long[] indexValues, float[] teacherValues, float[] weightValues,
        List<TowerInput> items, List<TowerInput> users, long[] userIndexValues, Device device)
    {
        Lists = lists;
        MaxLength = maxLength;
        Rows = rows;
        MaskValues = maskValues;
        IndexValues = indexValues;
        TeacherValues = teacherValues;
        WeightValues = weightValues;
        _items = items;
        _users = users;
        long[] shape = [lists, maxLength];
        Mask = tensor(maskValues, shape, device: device);
        Index = tensor(indexValues, [indexValues.LongLength], ScalarType.Int64, device);
        UserIndex = tensor(userIndexValues, [userIndexValues.LongLength], ScalarType.Int64, device);
        Teacher = tensor(teacherValues, shape, ScalarType.Float32, device);
        Weights = tensor(weightValues, shape, ScalarType.Float32, device);
    }

    public int Lists { get; }

    public int MaxLength { get; }

    /// <summary>Real items (rows) in the batch.</summary>
    public int Rows { get; }

    /// <summary>Row-major <c>[Lists, MaxLength]</c> host copies, for inspection and for the pair and grade losses.</summary>
    public bool[] MaskValues { get; }

    public long[] IndexValues { get; }

    public float[] TeacherValues { get; }

    public float[] WeightValues { get; }

    /// <summary>Teacher positions per slot (0 for padding and cut candidates: use with <see cref="MaskValues"/>).</summary>
    public int[] PositionValues { get; private init; } = [];

    /// <summary>The label column per slot (the logged ground truth with <c>training.ground_truth</c>; NaN = unknown).</summary>
    public float[] LabelValues { get; private init; } = [];

    /// <summary>Each list's request id.</summary>
    public string[] RequestIds { get; private init; } = [];

    public Tensor Mask { get; }

    public Tensor Index { get; }

    /// <summary><c>[Lists]</c>: each list's row in the concatenated user-tower outputs.</summary>
    public Tensor UserIndex { get; }

    public Tensor Teacher { get; }

    public Tensor Weights { get; }

    public static ListTrainingBatch Create(
        IReadOnlyList<RequestList> lists,
        IReadOnlyList<FeatureDefinition> userFeatures,
        IReadOnlyList<FeatureDefinition> itemFeatures,
        Device device)
    {
        ArgumentNullException.ThrowIfNull(lists);
        if (lists.Count == 0)
        {
            throw new ArgumentException("A list batch needs at least one list.", nameof(lists));
        }
        int maxLength = lists.Max(l => l.Length);
        var chunks = new List<DatasetChunk>();
        var rowsOfChunk = new List<List<int>>();
        var userRowsOfChunk = new List<List<int>>();
        var userLocation = new (int Segment, int Local)[lists.Count];
        var mask = new bool[lists.Count * maxLength];
        var teacher = new float[mask.Length];
        var weights = new float[mask.Length];
        var positions = new int[mask.Length];
        var labels = new float[mask.Length];
        var location = new (int Segment, int Local)[mask.Length];
        for (int l = 0; l < lists.Count; l++)
        {
            int slot = l * maxLength;
            bool first = true;
            foreach (ListFragment fragment in lists[l].Fragments)
            {
                int segment = chunks.FindIndex(c => ReferenceEquals(c, fragment.Chunk));
                if (segment < 0)
                {
                    segment = chunks.Count;
                    chunks.Add(fragment.Chunk);
                    rowsOfChunk.Add([]);
                    userRowsOfChunk.Add([]);
                }
                if (first)
                {
                    userLocation[l] = (segment, userRowsOfChunk[segment].Count);
                    userRowsOfChunk[segment].Add(fragment.Start);
                    first = false;
                }
                for (int row = fragment.Start; row < fragment.Start + fragment.Count; row++, slot++)
                {
                    mask[slot] = true;
                    teacher[slot] = fragment.Chunk.TeacherLogits[row];
                    weights[slot] = fragment.Chunk.Weights[row];
                    positions[slot] = fragment.Chunk.Positions[row];
                    labels[slot] = fragment.Chunk.Labels[row];
                    location[slot] = (segment, rowsOfChunk[segment].Count);
                    rowsOfChunk[segment].Add(row);
                }
            }
        }
        long[] index = Flatten(location, rowsOfChunk, mask);
        long[] userIndex = Flatten(userLocation, userRowsOfChunk, mask: null);
        var items = new List<TowerInput>(chunks.Count);
        var users = new List<TowerInput>(chunks.Count);
        for (int s = 0; s < chunks.Count; s++)
        {
            items.Add(TowerInput.Create(itemFeatures, chunks[s].Features, [.. rowsOfChunk[s]], device));
            if (userRowsOfChunk[s].Count > 0)
            {
                users.Add(TowerInput.Create(userFeatures, chunks[s].Features, [.. userRowsOfChunk[s]], device));
            }
        }
        return new ListTrainingBatch(lists.Count, maxLength, lists.Sum(l => l.Length), mask, index, teacher, weights, items, users, userIndex, device)
        {
            PositionValues = positions,
            LabelValues = labels,
            RequestIds = [.. lists.Select(l => l.RequestId)],
        };
    }

    /// <summary><c>[Lists, MaxLength]</c> student scores (padding holds a copy of row 0's score; the mask excludes it).</summary>
    public Tensor Scores(TwoTowerModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Tensor items = Concat(_items.Select(model.Item.forward).ToList());
        Tensor users = Concat(_users.Select(model.User.forward).ToList());
        Tensor itemsPerList = items.index_select(0, Index).reshape(Lists, MaxLength, -1);
        return model.ScoreLists(users.index_select(0, UserIndex), itemsPerList);
    }

    public void Dispose()
    {
        foreach (TowerInput input in _items.Concat(_users))
        {
            input.Dispose();
        }
        Mask.Dispose();
        Index.Dispose();
        UserIndex.Dispose();
        Teacher.Dispose();
        Weights.Dispose();
    }

    private static Tensor Concat(List<Tensor> parts) => parts.Count == 1 ? parts[0] : cat(parts, 0);

    // Position of each entry in the concatenation of the segments' row lists (segments in order); 0 where mask is false.
    private static long[] Flatten((int Segment, int Local)[] location, List<List<int>> rowsOfSegment, bool[]? mask)
    {
        var offsets = new int[rowsOfSegment.Count];
        for (int s = 1; s < offsets.Length; s++)
        {
            offsets[s] = offsets[s - 1] + rowsOfSegment[s - 1].Count;
        }
        var index = new long[location.Length];
        for (int i = 0; i < location.Length; i++)
        {
            index[i] = mask is null || mask[i] ? offsets[location[i].Segment] + location[i].Local : 0;
        }
        return index;
    }
}
