using CascadeDistill.Datasets.Listwise;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Datasets.Pairwise;

/// <summary>
/// Draws one request's pairs from its teacher positions and fused teacher logits, grading them first
/// when the weighting needs grades (ΔNDCG). Shared by the pairwise recipe (which counts the pairs)
/// and the trainer (which draws the same pairs again from the dataset rows).
/// </summary>
public sealed class RequestPairDrawer
{
    private readonly PairSampler _sampler;
    private readonly IRelevanceGrader? _grader;

    /// <exception cref="RecipeDefinitionException">The pair sampling or grades declaration has errors.</exception>
    public RequestPairDrawer(PairwiseDefinition definition, int seed)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _sampler = new PairSampler(definition.Sampling, seed);
        _grader = definition.Grades?.CreateGrader();
    }

    public PairDraw Draw(string requestId, ReadOnlySpan<int> positions, ReadOnlySpan<float> teacherLogits)
    {
        if (_grader is null)
        {
            return _sampler.Draw(requestId, positions);
        }
        var grades = new int[positions.Length];
        _grader.Grade(positions, teacherLogits, grades);
        return _sampler.Draw(requestId, positions, grades);
    }
}
