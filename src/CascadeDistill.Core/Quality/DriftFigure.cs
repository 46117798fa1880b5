namespace CascadeDistill.Quality;

/// <summary>One drift figure: the metric (e.g. <c>teacher_logit_js.click</c>), the partition's and the baseline's values, the compared value, and ok / warn / block.</summary>
public sealed record DriftFigure(string Name, double Current, double Baseline, double Value, string Status)
{
    public const string Ok = "ok";
    public const string Warn = "warn";
    public const string Block = "block";
}
