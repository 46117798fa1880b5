using CascadeDistill.Logs;

namespace CascadeDistill.Evaluation;

/// <summary>Baseline: uniform random scores from a seeded generator.</summary>
public sealed class RandomScorer(int seed, int catalogueSize) : IRankingScorer
{
    private readonly Random _random = new(seed);

    public string Name => "random";

    public float[] ScoreCandidates(RequestBlock block) => Draw(block.Count);

    public float[]? ScoreCatalogue(RequestBlock block) => Draw(catalogueSize);

    private float[] Draw(int count)
    {
        var scores = new float[count];
        for (int i = 0; i < count; i++)
        {
            scores[i] = _random.NextSingle();
        }
        return scores;
    }
}
