namespace CascadeDistill.Pipelines;

/// <summary>How the student is judged on held-out requests.</summary>
/// <param name="TopK">k: the teacher's top k that the student should recover (and NDCG@k).</param>
/// <param name="CandidateTopN">n: size of the student's top list over each candidate list.</param>
/// <param name="CatalogueTopN">n over the full catalogue (recall students).</param>
/// <param name="MaxRequests">Held-out requests evaluated at most (sampled with <paramref name="Seed"/>).</param>
public sealed record EvaluationDefinition(
    int TopK,
    int CandidateTopN,
    int CatalogueTopN,
    int MaxRequests,
    int Seed);
