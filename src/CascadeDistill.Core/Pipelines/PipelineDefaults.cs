using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Pipelines;

/// <summary>
/// Values the loader uses for optional keys that a pipeline file leaves out (docs/pipelines.md lists them).
/// </summary>
public static class PipelineDefaults
{
    /// <summary><c>description</c>.</summary>
    public const string Description = "";

    /// <summary><c>logs.holdout_days</c>: the last day of the window is held out.</summary>
    public const int HoldoutDays = 1;

    /// <summary><c>logs.read_labels</c>: read ground truth when the logs have it.</summary>
    public const bool ReadLabels = true;

    /// <summary><c>features[i].max_length</c> of a <c>multi</c> feature.</summary>
    public const int MultiMaxLength = 20;

    /// <summary><c>dataset.recipe</c>.</summary>
    public const string Recipe = "pointwise";

    /// <summary><c>dataset.listwise.min_list_length</c>: a list needs two items to rank.</summary>
    public const int MinListLength = 2;

    /// <summary><c>dataset.inbatch.frequency_buckets</c>: the estimator's hash table (ample for catalogues of ~100k items).</summary>
    public const int FrequencyBuckets = 1 << 18;

    /// <summary><c>dataset.inbatch.frequency_alpha</c>: the weight of the newest step gap, as in Yi et al. 2019.</summary>
    public const double FrequencyAlpha = 0.05;

    /// <summary><c>dataset.catalogue_negatives</c>: none unless asked for.</summary>
    public const int CatalogueNegatives = 0;

    /// <summary><c>dataset.listwise.loss</c>.</summary>
    public const string ListLoss = "listnet";

    /// <summary><c>dataset.listwise.sigma</c>: LambdaNDCG's logistic steepness.</summary>
    public const double LambdaSigma = 1.0;

    /// <summary><c>training.loss_weighting</c>.</summary>
    public const string LossWeighting = "fixed";

    /// <summary><c>dataset.labels</c>: learn from the teacher.</summary>
    public const string Labels = "teacher";

    /// <summary><c>dataset.position_weight</c> when absent: every positive weighs 1.</summary>
    public static PositionWeightDefinition PositionWeight { get; } = new(PositionWeightFunction.Constant, 0, 0);

    /// <summary><c>student.architecture</c>.</summary>
    public const string Architecture = "two_tower";

    /// <summary>
    /// <c>student.temperature</c>: towers output unit vectors, so dot products lie in [-1, 1];
    /// dividing by 0.1 lets logits reach ±10.
    /// </summary>
    public const double StudentTemperature = 0.1;

    /// <summary><c>training.weight_decay</c>.</summary>
    public const double WeightDecay = 0;

    /// <summary><c>training.soft_label_weight</c>: hard labels only.</summary>
    public const double SoftLabelWeight = 0;

    /// <summary><c>training.seed</c>.</summary>
    public const int TrainingSeed = 42;

    /// <summary><c>training.threads</c>: 0 = one per core.</summary>
    public const int Threads = 0;

    /// <summary><c>training.device</c>.</summary>
    public const string Device = "auto";

    /// <summary><c>evaluation.top_k</c>.</summary>
    public const int EvaluationTopK = 10;

    /// <summary><c>evaluation.candidate_top_n</c>.</summary>
    public const int CandidateTopN = 50;

    /// <summary><c>evaluation.catalogue_top_n</c>.</summary>
    public const int CatalogueTopN = 100;

    /// <summary><c>evaluation.max_requests</c>.</summary>
    public const int MaxRequests = 2000;

    /// <summary><c>evaluation.seed</c>.</summary>
    public const int EvaluationSeed = 7;

    /// <summary><c>publish.parity_tolerance</c>.</summary>
    public const double ParityTolerance = 1e-5;

    /// <summary>The whole <c>evaluation</c> section when absent.</summary>
    public static EvaluationDefinition Evaluation { get; } =
        new(EvaluationTopK, CandidateTopN, CatalogueTopN, MaxRequests, EvaluationSeed);

    /// <summary>
    /// <c>features[i].column</c> when absent: <c>user_id</c> / <c>item_id</c> for the features named so,
    /// otherwise <c>user.NAME</c> or <c>item.NAME</c> by side.
    /// </summary>
    public static string FeatureColumn(string name, FeatureSide side)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name is LogContract.UserId or LogContract.ItemId)
        {
            return name;
        }
        return (side == FeatureSide.User ? LogContract.UserFeaturePrefix : LogContract.ItemFeaturePrefix) + name;
    }
}
