using CascadeDistill.Datasets;

namespace CascadeDistill.Torch.Training;

/// <summary>Checks a streamed chunk before any of it is trained on; malformed data is an <see cref="InvalidDataException"/>.</summary>
internal static class DatasetChunkValidator
{
    public static void Validate(DatasetChunk chunk, bool requiresSoftLabels, int epoch)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        int count = chunk.Count;
        var problems = new List<string>();
        if (chunk.Weights.Length != count)
        {
            problems.Add($"{chunk.Weights.Length} weights for {count} labels");
        }
        if (chunk.SoftLabels.Length != count)
        {
            problems.Add($"{chunk.SoftLabels.Length} soft labels for {count} labels");
        }
        if (chunk.Features.RowCount != count)
        {
            problems.Add($"{chunk.Features.RowCount} feature rows for {count} labels");
        }
        if (problems.Count == 0)
        {
            for (int i = 0; i < count; i++)
            {
                float w = chunk.Weights[i];
                if (!float.IsFinite(w) || w < 0)
                {
                    problems.Add($"row {i}: weight {w} is not a finite non-negative number");
                    break;
                }
            }
            if (requiresSoftLabels)
            {
                for (int i = 0; i < count; i++)
                {
                    float s = chunk.SoftLabels[i];
                    if (!(s >= 0 && s <= 1))
                    {
                        problems.Add($"row {i}: soft label {s} is not in [0, 1] but the soft-label weight is above 0");
                        break;
                    }
                }
            }
        }
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"Dataset chunk of epoch {epoch} is malformed: {string.Join("; ", problems)}.");
        }
    }
}
