using CascadeDistill.Features;

namespace CascadeDistill.Pipelines;

/// <summary>A parsed, validated pipeline (<c>pipelines/NAME.yaml</c>). Immutable.</summary>
public sealed record PipelineDefinition(
    string Name,
    string Description,
    StudentStage Stage,
    LogWindowDefinition Logs,
    IReadOnlyList<FeatureDefinition> Features,
    DatasetDefinition Dataset,
    StudentDefinition Student,
    TrainingDefinition Training,
    EvaluationDefinition Evaluation,
    PublishDefinition Publish)
{
    public IReadOnlyList<FeatureDefinition> UserFeatures => Features.Where(f => f.Side == FeatureSide.User).ToArray();

    public IReadOnlyList<FeatureDefinition> ItemFeatures => Features.Where(f => f.Side == FeatureSide.Item).ToArray();

    /// <summary>The optional <c>quality</c> section: quarantine-rate limit and drift gates (default: <see cref="QualityDefinition.Default"/>).</summary>
    public QualityDefinition Quality { get; init; } = QualityDefinition.Default;
}
