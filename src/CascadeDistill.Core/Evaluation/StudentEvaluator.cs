using CascadeDistill.Logs;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Evaluation;

/// <summary>
/// Judges scorers on held-out requests. Teacher agreement: recall of the teacher's top k in the
/// scorer's top n over each candidate list; NDCG@k against the teacher's order; recall of the
/// teacher's top k in the scorer's top n over the full catalogue. Ground truth: AUC of each
/// labelled objective over displayed candidates, and its hit rate@k: among requests with a positive
/// label (a click), the share whose top k candidates in the scorer's order hold a positive one.
/// Metrics are means over requests.
/// Logged rows come in the teacher's order, so ties in a scorer's scores are broken by a seeded
/// random permutation of each request's candidates, never by row order (which would leak the
/// teacher's ranking into tied baselines such as popularity).
/// </summary>
public sealed class StudentEvaluator(EvaluationDefinition definition, Catalogue catalogue)
{
    private readonly Dictionary<long, int> _catalogueIndex = catalogue.ItemIds
        .Select((id, index) => (id, index))
        .ToDictionary(p => p.id, p => p.index);

    public EvaluationReport Evaluate(IReadOnlyList<RequestBlock> requests, IReadOnlyList<IRankingScorer> scorers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(scorers);
        int k = definition.TopK;
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (IRankingScorer scorer in scorers)
        {
            var candidateRecall = new List<double>();
            var ndcg = new List<double>();
            var catalogueRecall = new List<double>();
            var labelScores = new Dictionary<string, (List<float> Scores, List<float> Labels)>(StringComparer.Ordinal);
            var hits = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var tieBreak = new Random(definition.Seed);
            foreach (RequestBlock block in requests)
            {
                cancellationToken.ThrowIfCancellationRequested();
                float[] scores = scorer.ScoreCandidates(block);
                long[] teacherTop = Enumerable.Range(0, block.Count)
                    .Where(i => block.Positions[i] >= 1 && block.Positions[i] <= k)
                    .Select(i => block.ItemIds[i])
                    .ToArray();
                int[] order = OrderWithRandomTies(scores, tieBreak);
                AddIfNumber(candidateRecall, RankingMetrics.Recall(teacherTop, order.Take(definition.CandidateTopN).Select(i => block.ItemIds[i])));
                AddIfNumber(ndcg, RankingMetrics.Ndcg(order, RankingMetrics.TeacherRelevance(block.Positions, k), k));

                if (scorer.ScoreCatalogue(block) is { } catalogueScores)
                {
                    int[] top = RankingMetrics.TopN(catalogueScores, definition.CatalogueTopN);
                    long[] teacherTopInCatalogue = teacherTop.Where(_catalogueIndex.ContainsKey).ToArray();
                    AddIfNumber(catalogueRecall, RankingMetrics.Recall(teacherTopInCatalogue, top.Select(i => catalogue.ItemIds[i])));
                }

                foreach ((string objective, float[] labels) in block.Labels)
                {
                    if (!labelScores.TryGetValue(objective, out var pooled))
                    {
                        pooled = ([], []);
                        labelScores[objective] = pooled;
                    }
                    for (int i = 0; i < labels.Length; i++)
                    {
                        if (!float.IsNaN(labels[i]))
                        {
                            pooled.Scores.Add(scores[i]);
                            pooled.Labels.Add(labels[i]);
                        }
                    }
                    if (RankingMetrics.HitAtK(order, labels, k) is { } hit)
                    {
                        if (!hits.TryGetValue(objective, out List<double>? perRequest))
                        {
                            perRequest = [];
                            hits[objective] = perRequest;
                        }
                        perRequest.Add(hit);
                    }
                }
            }

            var values = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                [MetricNames.CandidateRecall(k, definition.CandidateTopN)] = Mean(candidateRecall),
                [MetricNames.CandidateNdcg(k)] = Mean(ndcg),
            };
            if (catalogueRecall.Count > 0)
            {
                values[MetricNames.CatalogueRecall(k, definition.CatalogueTopN)] = Mean(catalogueRecall);
            }
            foreach ((string objective, var pooled) in labelScores)
            {
                double auc = RankingMetrics.Auc(pooled.Scores.ToArray(), pooled.Labels.ToArray());
                if (!double.IsNaN(auc))
                {
                    values[MetricNames.LabelAuc(objective)] = auc;
                }
            }
            foreach ((string objective, List<double> perRequest) in hits)
            {
                values[MetricNames.LabelHitRate(objective, k)] = Mean(perRequest);
            }
            metrics[scorer.Name] = values;
        }
        return new EvaluationReport(requests.Count, metrics);
    }

    /// <summary>Candidate indexes by descending score; tied scores in a seeded random order.</summary>
    private static int[] OrderWithRandomTies(float[] scores, Random random)
    {
        int[] permutation = Enumerable.Range(0, scores.Length).ToArray();
        random.Shuffle(permutation);
        float[] permuted = permutation.Select(i => scores[i]).ToArray();
        return RankingMetrics.TopN(permuted, permuted.Length).Select(i => permutation[i]).ToArray();
    }

    private static void AddIfNumber(List<double> values, double value)
    {
        if (!double.IsNaN(value))
        {
            values.Add(value);
        }
    }

    private static double Mean(List<double> values) => values.Count == 0 ? double.NaN : values.Average();
}
