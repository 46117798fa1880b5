namespace CascadeDistill.Benchmarks;

/// <summary>The outcome of one acceptance rule on one stage.</summary>
/// <param name="Rule">A stable rule id (<see cref="QualityVerdicts"/> lists them).</param>
/// <param name="Stage"><c>recall</c> or <c>prerank</c>.</param>
/// <param name="Outcome"><c>pass</c>, <c>fail</c> or <c>missing</c> (the rows or metrics the rule needs are absent).</param>
/// <param name="Detail">The figures behind the outcome, one sentence.</param>
public sealed record QualityVerdict(string Rule, string Stage, string Outcome, string Detail)
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Missing = "missing";
}
