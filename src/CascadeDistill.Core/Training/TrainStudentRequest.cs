using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;

namespace CascadeDistill.Training;

/// <summary>Everything a trainer needs; <see cref="ReadEpoch"/> streams the training examples once per call.</summary>
public sealed record TrainStudentRequest(
    StudentDefinition Student,
    TrainingDefinition Training,
    IReadOnlyList<FeatureDefinition> Features,
    IReadOnlyDictionary<string, NumericStatistics> NumericStatistics,
    long ExamplesPerEpoch,
    Func<int, CancellationToken, IEnumerable<DatasetChunk>> ReadEpoch);
