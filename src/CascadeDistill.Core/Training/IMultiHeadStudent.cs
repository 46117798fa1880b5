using CascadeDistill.Features;

namespace CascadeDistill.Training;

/// <summary>
/// A trained student that may have per-objective heads (<c>student.heads: per_objective</c>). Its
/// <see cref="ITrainedStudent.EncodeUsers"/> and <see cref="ITrainedStudent.EncodeItems"/> give the serving
/// vectors (the head vectors concatenated, the user's scaled by the fusion weights); these give each
/// head's own L2-normalised vector, unscaled.
/// </summary>
public interface IMultiHeadStudent
{
    /// <summary>The objective of each head, in order; empty for a single-head student.</summary>
    IReadOnlyList<string> HeadNames { get; }

    /// <summary>Row-major [rows, heads × head width]: head k's vector in columns <c>k·width .. (k+1)·width − 1</c>.</summary>
    float[] EncodeUserHeads(FeatureBatch users);

    /// <summary>Row-major [rows, heads × head width], as <see cref="EncodeUserHeads"/>.</summary>
    float[] EncodeItemHeads(FeatureBatch items);
}
