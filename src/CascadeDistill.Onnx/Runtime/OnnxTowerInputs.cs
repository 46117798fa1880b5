using CascadeDistill.Features;
using CascadeDistill.Onnx.Contracts;
using Microsoft.ML.OnnxRuntime;

namespace CascadeDistill.Onnx.Runtime;

/// <summary>
/// ONNX Runtime inputs for a tower built from a <see cref="FeatureBatch"/> (raw logged values, as
/// serving has them). Owns the <see cref="OrtValue"/>s; dispose after the run.
/// </summary>
public sealed class OnnxTowerInputs : IDisposable
{
    private readonly List<string> _names = [];
    private readonly List<OrtValue> _values = [];

    private OnnxTowerInputs()
    {
    }

    /// <summary>Input names, in the order of <see cref="Values"/>.</summary>
    public IReadOnlyList<string> Names => _names;

    public IReadOnlyList<OrtValue> Values => _values;

    /// <summary>One input per feature (two for a multi-valued one: padded ids and lengths).</summary>
    /// <exception cref="ArgumentException">A feature is missing from the batch or has the wrong column type.</exception>
    public static OnnxTowerInputs Create(IReadOnlyList<FeatureDefinition> features, FeatureBatch batch)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(batch);
        var inputs = new OnnxTowerInputs();
        try
        {
            long rows = batch.RowCount;
            foreach (FeatureDefinition feature in features)
            {
                FeatureColumn column = batch.Columns.TryGetValue(feature.Name, out FeatureColumn? c)
                    ? c
                    : throw new ArgumentException($"Feature '{feature.Name}' is not in the batch.", nameof(batch));
                switch (feature.Kind, column)
                {
                    case (FeatureKind.Categorical, CategoricalColumn ids):
                        inputs.Add(feature.Name, OrtValue.CreateTensorValueFromMemory(ids.Values, [rows]));
                        break;
                    case (FeatureKind.Numeric, NumericColumn numbers):
                        inputs.Add(feature.Name, OrtValue.CreateTensorValueFromMemory(numbers.Values, [rows]));
                        break;
                    case (FeatureKind.MultiCategorical, MultiCategoricalColumn lists):
                        PaddedIdList padded = Pad(lists);
                        inputs.Add(feature.Name, OrtValue.CreateTensorValueFromMemory(padded.Ids, [rows, padded.Width]));
                        inputs.Add(TowerInputContract.LengthInputName(feature.Name), OrtValue.CreateTensorValueFromMemory(padded.Lengths, [rows]));
                        break;
                    default:
                        throw new ArgumentException($"Feature '{feature.Name}' is {feature.Kind} but its column is a {column.GetType().Name}.", nameof(batch));
                }
            }
            return inputs;
        }
        catch
        {
            inputs.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Pads every row to the longest one (at least 1, so no tensor has a zero-sized list
    /// dimension). Lists are not truncated: the graph cuts them to their feature's max length.
    /// </summary>
    public static PaddedIdList Pad(MultiCategoricalColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        int rows = column.Length;
        int width = 1;
        for (int r = 0; r < rows; r++)
        {
            width = Math.Max(width, column.Offsets[r + 1] - column.Offsets[r]);
        }
        var ids = new long[rows * width];
        var lengths = new long[rows];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<long> row = column.Row(r);
            row.CopyTo(ids.AsSpan(r * width, width));
            lengths[r] = row.Length;
        }
        return new PaddedIdList(ids, lengths, width);
    }

    public void Dispose()
    {
        foreach (OrtValue value in _values)
        {
            value.Dispose();
        }
        _values.Clear();
    }

    private void Add(string name, OrtValue value)
    {
        _names.Add(name);
        _values.Add(value);
    }
}
