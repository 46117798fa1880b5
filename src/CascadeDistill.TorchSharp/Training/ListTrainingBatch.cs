using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Torch.Students;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>
/// A batch of whole requests for a list loss. The rows are fed to the towers once per source chunk
/// (a request cut by a chunk boundary spans two) and the flat scores are gathered into
/// <c>[Lists, MaxLength]</c> by <see cref="Index"/>; <see cref="Mask"/> is true for real items, and
/// the teacher logits and item weights are laid out the same way (padding holds 0, index 0, mask false).
/// </summary>
internal sealed class ListTrainingBatch : IDisposable
{
    private readonly List<(TowerInput User, TowerInput Item)> _segments;

    private ListTrainingBatch(
        int lists, int maxLength, int rows, bool[] maskValues, long[] indexValues, float[] teacherValues, float[] weightValues,
        List<(TowerInput User, TowerInput Item)> segments, Device device)
    {
        Lists = lists;
        MaxLength = maxLength;
        Rows = rows;
        MaskValues = maskValues;
        IndexValues = indexValues;
        TeacherValues = teacherValues;
        WeightValues = weightValues;
        _segments = segments;
        long[] shape = [lists, maxLength];
        Mask = tensor(maskValues, shape, device: device);
        Index = tensor(indexValues, [indexValues.LongLength], ScalarType.Int64, device);
        Teacher = tensor(teacherValues, shape, ScalarType.Float32, device);
        Weights = tensor(weightValues, shape, ScalarType.Float32, device);
    }

    public int Lists { get; }

    public int MaxLength { get; }

    /// <summary>Real items (rows) in the batch.</summary>
    public int Rows { get; }

    /// <summary>Row-major <c>[Lists, MaxLength]</c> host copies, for inspection.</summary>
    public bool[] MaskValues { get; }

    public long[] IndexValues { get; }

    public float[] TeacherValues { get; }

    public float[] WeightValues { get; }

    public Tensor Mask { get; }

    public Tensor Index { get; }

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
        var mask = new bool[lists.Count * maxLength];
        var teacher = new float[mask.Length];
        var weights = new float[mask.Length];
        var location = new (int Segment, int Local)[mask.Length];
        for (int l = 0; l < lists.Count; l++)
        {
            int slot = l * maxLength;
            foreach (ListFragment fragment in lists[l].Fragments)
            {
                int segment = chunks.FindIndex(c => ReferenceEquals(c, fragment.Chunk));
                if (segment < 0)
                {
                    segment = chunks.Count;
                    chunks.Add(fragment.Chunk);
                    rowsOfChunk.Add([]);
                }
                for (int row = fragment.Start; row < fragment.Start + fragment.Count; row++, slot++)
                {
                    mask[slot] = true;
                    teacher[slot] = fragment.Chunk.TeacherLogits[row];
                    weights[slot] = fragment.Chunk.Weights[row];
                    location[slot] = (segment, rowsOfChunk[segment].Count);
                    rowsOfChunk[segment].Add(row);
                }
            }
        }
        var offsets = new int[chunks.Count];
        for (int s = 1; s < chunks.Count; s++)
        {
            offsets[s] = offsets[s - 1] + rowsOfChunk[s - 1].Count;
        }
        var index = new long[mask.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            index[i] = mask[i] ? offsets[location[i].Segment] + location[i].Local : 0;
        }
        var segments = new List<(TowerInput User, TowerInput Item)>(chunks.Count);
        for (int s = 0; s < chunks.Count; s++)
        {
            int[] rows = [.. rowsOfChunk[s]];
            segments.Add((
                TowerInput.Create(userFeatures, chunks[s].Features, rows, device),
                TowerInput.Create(itemFeatures, chunks[s].Features, rows, device)));
        }
        return new ListTrainingBatch(lists.Count, maxLength, lists.Sum(l => l.Length), mask, index, teacher, weights, segments, device);
    }

    /// <summary><c>[Lists, MaxLength]</c> student scores (padding holds a copy of row 0's score; the mask excludes it).</summary>
    public Tensor Scores(TwoTowerModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Tensor flat = _segments.Count == 1
            ? model.forward(_segments[0].User, _segments[0].Item)
            : cat(_segments.Select(s => model.forward(s.User, s.Item)).ToList(), 0);
        return flat.index_select(0, Index).reshape(Lists, MaxLength);
    }

    public void Dispose()
    {
        foreach ((TowerInput user, TowerInput item) in _segments)
        {
            user.Dispose();
            item.Dispose();
        }
        Mask.Dispose();
        Index.Dispose();
        Teacher.Dispose();
        Weights.Dispose();
    }
}
