namespace CascadeDistill.Datasets.Listwise;

/// <summary>
/// Maps one request's candidates to graded relevance (non-negative integers, higher = more
/// relevant) for listwise recipes and ΔNDCG weights. Logit graders read the (fused) teacher
/// logits; rank graders read the teacher positions.
/// </summary>
public interface IRelevanceGrader
{
    /// <param name="positions">Teacher positions per candidate (1-based, 0 = cut).</param>
    /// <param name="teacherLogits">The teacher logit per candidate (same length).</param>
    /// <param name="grades">Receives one grade per candidate (same length).</param>
    /// <exception cref="InvalidDataException">A logit is not finite or a position is negative.</exception>
    void Grade(ReadOnlySpan<int> positions, ReadOnlySpan<float> teacherLogits, Span<int> grades);
}
