using CascadeDistill.Logs;

namespace CascadeDistill.Evaluation;

/// <summary>Something that ranks: the student, a baseline or the teacher itself.</summary>
public interface IRankingScorer
{
    string Name { get; }

    /// <summary>A score per candidate of the request (higher = better).</summary>
    float[] ScoreCandidates(RequestBlock block);

    /// <summary>A score per catalogue item for the request's user, or null when the scorer cannot score the catalogue.</summary>
    float[]? ScoreCatalogue(RequestBlock block);
}
