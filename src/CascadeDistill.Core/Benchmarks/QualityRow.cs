namespace CascadeDistill.Benchmarks;

/// <summary>One row of the quality benchmark: a student or a baseline, judged on one stage.</summary>
/// <param name="Recipe">The pipeline's name (distilled, ground-truth-only) or the baseline's (<c>teacher</c>, <c>popularity</c>).</param>
/// <param name="Stage"><c>recall</c> or <c>prerank</c>.</param>
/// <param name="Kind">One of <see cref="QualityRowKind"/>.</param>
/// <param name="TeacherAgreement">Metric name → value: how closely the row ranks like the teacher.</param>
/// <param name="GroundTruth">Metric name → value on logged labels.</param>
/// <param name="Parameters">Trained parameters; null for baselines.</param>
/// <param name="TrainingSeconds">Wall-clock seconds of the TrainStudent stage; null for baselines.</param>
/// <param name="DatasetRecipe">The dataset recipe the student was trained with (<c>pointwise</c>, <c>listwise</c>…); null for baselines.</param>
/// <param name="DerivedFrom">For a ground-truth-only student: the shipped pipeline it was derived from.</param>
public sealed record QualityRow(
    string Recipe,
    string Stage,
    string Kind,
    IReadOnlyDictionary<string, double> TeacherAgreement,
    IReadOnlyDictionary<string, double> GroundTruth,
    long? Parameters = null,
    double? TrainingSeconds = null,
    string? DatasetRecipe = null,
    string? DerivedFrom = null);
