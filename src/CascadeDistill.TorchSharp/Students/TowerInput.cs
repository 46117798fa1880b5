using CascadeDistill.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Students;

/// <summary>
/// The tensors one tower reads for a batch of rows, in the tower's feature order. Ids are raw
/// (hashing happens in the module). Categorical: <c>[B]</c> int64. Multi-valued: padded
/// <c>[B, L]</c> int64 ids, truncated at <c>MaxLength</c>, and <c>[B]</c> int64 lengths
/// (<c>L</c> = longest kept list, at least 1). Numerics: one <c>[B, N]</c> float32 tensor of
/// the tower's numeric features in order.
/// </summary>
public sealed class TowerInput : IDisposable
{
    private readonly Tensor?[] _ids;
    private readonly Tensor?[] _lengths;

    private TowerInput(int rowCount, Tensor?[] ids, Tensor?[] lengths, Tensor? numerics)
    {
        RowCount = rowCount;
        _ids = ids;
        _lengths = lengths;
        Numerics = numerics;
    }

    public int RowCount { get; }

    /// <summary><c>[B, N]</c> raw numeric values, or null when the tower has no numeric feature.</summary>
    public Tensor? Numerics { get; }

    /// <summary>Raw ids of the categorical or multi-valued feature at <paramref name="feature"/> (tower order).</summary>
    public Tensor Ids(int feature) =>
        _ids[feature] ?? throw new InvalidOperationException($"Feature {feature} of this tower has no ids.");

    /// <summary>Kept list lengths of the multi-valued feature at <paramref name="feature"/> (tower order).</summary>
    public Tensor Lengths(int feature) =>
        _lengths[feature] ?? throw new InvalidOperationException($"Feature {feature} of this tower is not multi-valued.");

    /// <summary>All rows of <paramref name="batch"/>.</summary>
    public static TowerInput Create(IReadOnlyList<FeatureDefinition> features, FeatureBatch batch, Device device)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Create(features, batch, 0, batch.RowCount, rows: default, device);
    }

    /// <summary>Rows <c>[start, start + count)</c> of <paramref name="batch"/>.</summary>
    public static TowerInput Create(IReadOnlyList<FeatureDefinition> features, FeatureBatch batch, int start, int count, Device device)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, batch.RowCount, nameof(count));
        return Create(features, batch, start, count, rows: default, device);
    }

    /// <summary>The given rows of <paramref name="batch"/>, in that order.</summary>
    public static TowerInput Create(IReadOnlyList<FeatureDefinition> features, FeatureBatch batch, ReadOnlySpan<int> rows, Device device)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Create(features, batch, 0, rows.Length, rows, device);
    }

    public void Dispose()
    {
        foreach (Tensor? t in _ids)
        {
            t?.Dispose();
        }
        foreach (Tensor? t in _lengths)
        {
            t?.Dispose();
        }
        Numerics?.Dispose();
    }

    // rows empty: take [start, start + count); otherwise take rows (count == rows.Length).
    private static TowerInput Create(
        IReadOnlyList<FeatureDefinition> features, FeatureBatch batch, int start, int count, ReadOnlySpan<int> rows, Device device)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(device);
        bool indexed = !rows.IsEmpty;
        var ids = new Tensor?[features.Count];
        var lengths = new Tensor?[features.Count];
        int numericCount = features.Count(f => f.Kind == FeatureKind.Numeric);
        float[]? numerics = numericCount > 0 ? new float[count * numericCount] : null;
        int numeric = 0;
        for (int f = 0; f < features.Count; f++)
        {
            FeatureDefinition feature = features[f];
            FeatureColumn column = batch[feature.Name];
            switch (feature.Kind)
            {
                case FeatureKind.Categorical:
                    {
                        long[] values = As<CategoricalColumn>(column, feature).Values;
                        var data = new long[count];
                        for (int r = 0; r < count; r++)
                        {
                            data[r] = values[indexed ? rows[r] : start + r];
                        }
                        ids[f] = torch.tensor(data, [count], ScalarType.Int64, device);
                        break;
                    }
                case FeatureKind.MultiCategorical:
                    {
                        var list = As<MultiCategoricalColumn>(column, feature);
                        var kept = new long[count];
                        long width = 1;
                        for (int r = 0; r < count; r++)
                        {
                            int source = indexed ? rows[r] : start + r;
                            kept[r] = Math.Min(list.Offsets[source + 1] - list.Offsets[source], feature.MaxLength);
                            width = Math.Max(width, kept[r]);
                        }
                        var data = new long[count * width];
                        for (int r = 0; r < count; r++)
                        {
                            int source = indexed ? rows[r] : start + r;
                            list.Values.AsSpan(list.Offsets[source], (int)kept[r]).CopyTo(data.AsSpan((int)(r * width)));
                        }
                        ids[f] = torch.tensor(data, [count, width], ScalarType.Int64, device);
                        lengths[f] = torch.tensor(kept, [count], ScalarType.Int64, device);
                        break;
                    }
                case FeatureKind.Numeric:
                    {
                        float[] values = As<NumericColumn>(column, feature).Values;
                        for (int r = 0; r < count; r++)
                        {
                            numerics![r * numericCount + numeric] = values[indexed ? rows[r] : start + r];
                        }
                        numeric++;
                        break;
                    }
                default:
                    throw new InvalidOperationException($"Unknown feature kind {feature.Kind} of '{feature.Name}'.");
            }
        }
        Tensor? numericTensor = numerics is null ? null : torch.tensor(numerics, [count, numericCount], ScalarType.Float32, device);
        return new TowerInput(count, ids, lengths, numericTensor);
    }

    private static TColumn As<TColumn>(FeatureColumn column, FeatureDefinition feature)
        where TColumn : FeatureColumn =>
        column as TColumn ?? throw new InvalidDataException(
            $"Feature '{feature.Name}' is {feature.Kind} but its column is a {column.GetType().Name}.");
}
