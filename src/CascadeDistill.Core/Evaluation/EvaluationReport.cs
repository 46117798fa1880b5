namespace CascadeDistill.Evaluation;

/// <summary>Metrics per scorer (student, baselines, teacher) on the same held-out requests.</summary>
public sealed record EvaluationReport(
    int Requests,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Metrics)
{
    public double Get(string scorer, string metric) => Metrics[scorer][metric];
}
