using CascadeDistill.Pipelines;
using CascadeDistill.Simulation;

namespace CascadeDistill.Benchmarks;

/// <summary>
/// The world and the protocol of one quality benchmark. <see cref="Full"/> is the real benchmark: the
/// simulator's default world (fixed seed) and every pipeline as shipped, judged under
/// <see cref="PipelineDefaults.Evaluation"/>. <see cref="Tiny"/> shrinks the world and the pipelines so the
/// whole command runs in seconds (tests only).
/// </summary>
/// <param name="Simulation">The simulated world (its seed fixes the logs).</param>
/// <param name="Evaluation">The one evaluation protocol applied to every pipeline, so rows are comparable.</param>
/// <param name="WindowDays">When set, every pipeline's <c>logs.window_days</c> (holdout 1 day).</param>
/// <param name="Epochs">When set, every pipeline's <c>training.epochs</c>.</param>
/// <param name="BatchSize">When set, every pipeline's <c>training.batch_size</c>.</param>
public sealed record QualityBenchmarkOptions(
    SimulationOptions Simulation,
    EvaluationDefinition Evaluation,
    int? WindowDays = null,
    int? Epochs = null,
    int? BatchSize = null)
{
    public static QualityBenchmarkOptions Full { get; } = new(new SimulationOptions(), PipelineDefaults.Evaluation);

    public static QualityBenchmarkOptions Tiny { get; } = new(
        new SimulationOptions { Days = 3, Users = 200, Items = 400, RequestsPerDay = 250, CandidatesPerRequest = 30, ListLength = 12 },
        PipelineDefaults.Evaluation with { MaxRequests = 150 },
        WindowDays: 3,
        Epochs: 1,
        BatchSize: 256);

    /// <summary><paramref name="pipeline"/> under this benchmark's protocol (and size, when shrunk).</summary>
    public PipelineDefinition Apply(PipelineDefinition pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        PipelineDefinition result = pipeline with { Evaluation = Evaluation };
        if (WindowDays is int window)
        {
            result = result with { Logs = result.Logs with { WindowDays = window, HoldoutDays = 1 } };
        }
        if (Epochs is int epochs)
        {
            result = result with { Training = result.Training with { Epochs = epochs } };
        }
        if (BatchSize is int batch)
        {
            result = result with { Training = result.Training with { BatchSize = batch } };
        }
        return result;
    }
}
