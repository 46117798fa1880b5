using CascadeDistill.Features;
using CascadeDistill.Students;

namespace CascadeDistill.Training;

/// <summary>A trained two-tower student held by its training backend. Dispose to free native memory.</summary>
public interface ITrainedStudent : IDisposable
{
    IReadOnlyList<EpochRecord> Curve { get; }

    long ParameterCount { get; }

    /// <summary>The weights as plain arrays (for export and the reference forward).</summary>
    TwoTowerWeights ExportWeights();

    /// <summary>Row-major [rows, EmbeddingDim] L2-normalised user vectors.</summary>
    float[] EncodeUsers(FeatureBatch users);

    /// <summary>Row-major [rows, EmbeddingDim] L2-normalised item vectors.</summary>
    float[] EncodeItems(FeatureBatch items);
}
