using CascadeDistill.Logs;

namespace CascadeDistill.Evaluation;

/// <summary>Baseline: an item's score is how often it reached the teacher's final list in the training window.</summary>
public sealed class PopularityScorer(IReadOnlyDictionary<long, long> counts, Catalogue catalogue) : IRankingScorer
{
    private readonly float[] _catalogueScores = catalogue.ItemIds.Select(id => (float)counts.GetValueOrDefault(id)).ToArray();

    public string Name => "popularity";

    public float[] ScoreCandidates(RequestBlock block) =>
        block.ItemIds.Select(id => (float)counts.GetValueOrDefault(id)).ToArray();

    public float[]? ScoreCatalogue(RequestBlock block) => _catalogueScores;
}
