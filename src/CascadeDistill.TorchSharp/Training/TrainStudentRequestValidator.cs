using CascadeDistill.Features;
using CascadeDistill.Students;
using CascadeDistill.Training;

namespace CascadeDistill.Torch.Training;

/// <summary>Checks what this trainer needs from a request and reports every problem at once.</summary>
internal static class TrainStudentRequestValidator
{
    public const string TwoTower = "two_tower";

    public static void Validate(TrainStudentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        if (!string.Equals(request.Student.Architecture, TwoTower, StringComparison.Ordinal))
        {
            problems.Add($"student.architecture: '{request.Student.Architecture}' is not supported (expected '{TwoTower}')");
        }
        if (request.Student.EmbeddingDim < 1)
        {
            problems.Add($"student.embedding_dim: must be at least 1 (got {request.Student.EmbeddingDim})");
        }
        if (request.Student.HiddenLayers.Any(w => w < 1))
        {
            problems.Add("student.hidden_layers: every width must be at least 1");
        }
        if (!(request.Student.Temperature > 0) || !double.IsFinite(request.Student.Temperature))
        {
            problems.Add($"student.temperature: must be positive (got {request.Student.Temperature})");
        }
        if (request.Training.Epochs < 1)
        {
            problems.Add($"training.epochs: must be at least 1 (got {request.Training.Epochs})");
        }
        if (request.Training.BatchSize < 1)
        {
            problems.Add($"training.batch_size: must be at least 1 (got {request.Training.BatchSize})");
        }
        if (!(request.Training.LearningRate > 0))
        {
            problems.Add($"training.learning_rate: must be positive (got {request.Training.LearningRate})");
        }
        if (!(request.Training.WeightDecay >= 0))
        {
            problems.Add($"training.weight_decay: must not be negative (got {request.Training.WeightDecay})");
        }
        if (!(request.Training.SoftLabelWeight >= 0 && request.Training.SoftLabelWeight <= 1))
        {
            problems.Add($"training.soft_label_weight: must be in [0, 1] (got {request.Training.SoftLabelWeight})");
        }
        if (!Enum.IsDefined(request.Objective))
        {
            problems.Add($"objective: unknown value {request.Objective}");
        }
        if (request.Objective == TrainingObjective.ListNet && !(request.ListNetTemperature > 0 && double.IsFinite(request.ListNetTemperature)))
        {
            problems.Add($"dataset.listwise.temperature: must be positive (got {request.ListNetTemperature})");
        }
        ValidateRanking(request, problems);
        ValidateHeads(request, problems);
        if (request.Objective == TrainingObjective.InBatchSoftmax)
        {
            if (request.InBatch is not { } inBatch)
            {
                problems.Add("dataset.inbatch: required by the in-batch softmax objective");
            }
            else
            {
                if (!(inBatch.TeacherTemperature > 0 && double.IsFinite(inBatch.TeacherTemperature)))
                {
                    problems.Add($"dataset.inbatch.teacher_temperature: must be positive (got {inBatch.TeacherTemperature})");
                }
                if (!(inBatch.DistillationWeight is >= 0 and <= 1))
                {
                    problems.Add($"dataset.inbatch.distillation_weight: must be in [0, 1] (got {inBatch.DistillationWeight})");
                }
                if (inBatch.FrequencyBuckets < 1 || !(inBatch.FrequencyAlpha is > 0 and <= 1))
                {
                    problems.Add($"dataset.inbatch: frequency_buckets must be at least 1 and frequency_alpha in (0, 1] (got {inBatch.FrequencyBuckets}, {inBatch.FrequencyAlpha})");
                }
            }
        }
        if (request.Training.Threads < 0)
        {
            problems.Add($"training.threads: must not be negative (got {request.Training.Threads})");
        }
        foreach (FeatureSide side in Enum.GetValues<FeatureSide>())
        {
            if (!request.Features.Any(f => f.Side == side))
            {
                problems.Add($"features: the {side.ToString().ToLowerInvariant()} tower has no feature");
            }
        }
        foreach (FeatureDefinition feature in request.Features)
        {
            ValidateFeature(feature, request.NumericStatistics, problems);
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The training request is invalid: {string.Join("; ", problems)}.", nameof(request));
        }
    }

    private static void ValidateFeature(
        FeatureDefinition feature, IReadOnlyDictionary<string, NumericStatistics> statistics, List<string> problems)
    {
        string at = $"features.{feature.Name}";
        if (feature.Kind == FeatureKind.Numeric)
        {
            if (!statistics.TryGetValue(feature.Name, out NumericStatistics? s))
            {
                problems.Add($"{at}: no numeric statistics");
            }
            else if (!float.IsFinite(s.Mean) || !float.IsFinite(s.Std) || s.Std < NumericStatistics.MinStd)
            {
                problems.Add($"{at}: statistics need a finite mean and a std of at least {NumericStatistics.MinStd} (got {s.Mean}, {s.Std})");
            }
            return;
        }
        if (feature.HashBuckets < 1)
        {
            problems.Add($"{at}: hash_buckets must be at least 1 (got {feature.HashBuckets})");
        }
        if (feature.EmbeddingDim < 1)
        {
            problems.Add($"{at}: embedding_dim must be at least 1 (got {feature.EmbeddingDim})");
        }
        if (feature.Kind == FeatureKind.MultiCategorical && feature.MaxLength < 1)
        {
            problems.Add($"{at}: max_length must be at least 1 (got {feature.MaxLength})");
        }
    }

    private static void ValidateRanking(TrainStudentRequest request, List<string> problems)
    {
        RankingTrainingOptions? ranking = request.Ranking;
        if (request.Objective == TrainingObjective.LambdaNdcg && ranking?.Grader is null)
        {
            problems.Add("dataset.listwise.grades: LambdaNDCG needs a grader (ranking options with grades)");
        }
        if (request.Objective == TrainingObjective.LambdaNdcg && ranking is not null && !(ranking.Sigma > 0 && double.IsFinite(ranking.Sigma)))
        {
            problems.Add($"dataset.listwise.sigma: must be positive (got {ranking.Sigma})");
        }
        if (request.Objective == TrainingObjective.Bpr && ranking?.Pairs is null)
        {
            problems.Add("dataset.pairwise: BPR needs a pair drawer (ranking options with pairs)");
        }
        if (ranking is not null && !(ranking.GroundTruthWeight >= 0 && double.IsFinite(ranking.GroundTruthWeight)))
        {
            problems.Add($"training.ground_truth.weight: must not be negative (got {ranking.GroundTruthWeight})");
        }
        if (ranking is { GroundTruthWeight: > 0 } && !IsListObjective(request.Objective) && request.Objective != TrainingObjective.InBatchSoftmax)
        {
            problems.Add($"training.ground_truth: applies to list objectives and the in-batch softmax only (objective is {request.Objective})");
        }
        if (ranking is { GroundTruthOnly: true } && !IsListObjective(request.Objective))
        {
            problems.Add($"dataset.labels: ground_truth lists apply to list objectives only (objective is {request.Objective})");
        }
    }

    private static bool IsListObjective(TrainingObjective objective) =>
        objective is TrainingObjective.ListNet or TrainingObjective.LambdaNdcg or TrainingObjective.Bpr;

    private static void ValidateHeads(TrainStudentRequest request, List<string> problems)
    {
        if (request.Heads is not HeadTrainingOptions heads)
        {
            return;
        }
        if (request.Objective != TrainingObjective.WeightedBce)
        {
            problems.Add($"student.heads: per-objective heads are trained pointwise only (the objective is {request.Objective})");
        }
        if (heads.Heads.Count < 2)
        {
            problems.Add($"student.heads: per-objective heads need at least two objectives (got {heads.Heads.Count})");
        }
        if (heads.Heads.Any(h => !(h.Value > 0) || !double.IsFinite(h.Value)))
        {
            problems.Add("dataset.fusion: every head's fusion weight must be finite and positive");
        }
        if (heads.Heads.Select(h => h.Key).Distinct(StringComparer.Ordinal).Count() != heads.Heads.Count)
        {
            problems.Add("student.heads: an objective has two heads");
        }
        if (!(heads.SoftLabelTemperature > 0) || !double.IsFinite(heads.SoftLabelTemperature))
        {
            problems.Add($"dataset.soft_label.temperature: must be positive (got {heads.SoftLabelTemperature})");
        }
    }
}
