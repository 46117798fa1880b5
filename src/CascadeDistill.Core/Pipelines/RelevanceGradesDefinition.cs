using CascadeDistill.Datasets.Listwise;

namespace CascadeDistill.Pipelines;

/// <summary>
/// A <c>grades</c> section: how graded relevance is derived from a request's teacher order, for
/// LambdaNDCG lists and ΔNDCG pair weights. Only the fields of the chosen <see cref="From"/> are read:
/// <c>logit_quantiles</c> (<see cref="GradeCount"/>), <c>logit_thresholds</c> (<see cref="Thresholds"/>),
/// <c>logit_mapping</c> (<see cref="Intervals"/>, <see cref="DefaultGrade"/>) or <c>rank_buckets</c>
/// (<see cref="Buckets"/>, <see cref="OtherGrade"/>, <see cref="CutGrade"/>).
/// </summary>
public sealed record RelevanceGradesDefinition(
    string From,
    int GradeCount = 0,
    IReadOnlyList<double>? Thresholds = null,
    IReadOnlyList<LogitGradeInterval>? Intervals = null,
    int DefaultGrade = 0,
    IReadOnlyList<RankBucket>? Buckets = null,
    int OtherGrade = 0,
    int CutGrade = 0)
{
    public const string LogitQuantiles = "logit_quantiles";
    public const string LogitThresholds = "logit_thresholds";
    public const string LogitMapping = "logit_mapping";
    public const string RankBuckets = "rank_buckets";

    /// <summary>Every problem of the declaration (relative paths); empty when it is valid.</summary>
    public IReadOnlyList<string> Validate() => From switch
    {
        LogitQuantiles => LogitQuantileGrader.Validate(GradeCount),
        LogitThresholds => LogitThresholdGrader.Validate(Thresholds ?? []),
        LogitMapping => LogitMappingGrader.Validate(Intervals ?? [], DefaultGrade),
        RankBuckets => RankBucketGrader.Validate(Buckets ?? [], OtherGrade, CutGrade),
        _ => [$"from: unknown value '{From}'; allowed: {string.Join(", ", PipelineVocabulary.GradeSources)}"],
    };

    /// <exception cref="Datasets.RecipeDefinitionException">The declaration has errors.</exception>
    public IRelevanceGrader CreateGrader() => From switch
    {
        LogitQuantiles => new LogitQuantileGrader(GradeCount),
        LogitThresholds => new LogitThresholdGrader(Thresholds ?? []),
        LogitMapping => new LogitMappingGrader(Intervals ?? [], DefaultGrade),
        RankBuckets => new RankBucketGrader(Buckets ?? [], OtherGrade, CutGrade),
        _ => throw new InvalidOperationException($"Unknown grade source '{From}'."),
    };
}
