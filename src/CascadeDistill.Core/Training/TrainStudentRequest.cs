using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;

namespace CascadeDistill.Training;

/// <summary>Everything a trainer needs; <see cref="ReadEpoch"/> streams the training examples once per call.</summary>
/// <param name="Objective">The loss; <see cref="TrainingObjective.ListNet"/> needs each request's rows contiguous in the stream.</param>
/// <param name="ListNetTemperature">With ListNet, T &gt; 0 of the teacher distribution <c>softmax(teacher / T)</c>.</param>
/// <param name="Ranking">The list and pair objectives' settings (grades, pairs, ground-truth mix); null = none.</param>
/// <param name="InBatch">With <see cref="TrainingObjective.InBatchSoftmax"/>, its settings (required then).</param>
/// <param name="Heads">Per-objective heads on a shared bottom (pointwise only); null = one score.</param>
public sealed record TrainStudentRequest(
    StudentDefinition Student,
    TrainingDefinition Training,
    IReadOnlyList<FeatureDefinition> Features,
    IReadOnlyDictionary<string, NumericStatistics> NumericStatistics,
    long ExamplesPerEpoch,
    Func<int, CancellationToken, IEnumerable<DatasetChunk>> ReadEpoch,
    TrainingObjective Objective = TrainingObjective.WeightedBce,
    double ListNetTemperature = 1.0,
    RankingTrainingOptions? Ranking = null,
    InBatchDefinition? InBatch = null,
    HeadTrainingOptions? Heads = null);
