using CascadeDistill.Pipelines;
using CascadeDistill.Simulation;

namespace CascadeDistill.Benchmarks;

/// <summary>Everything <c>quality.json</c> and <c>quality.md</c> hold.</summary>
/// <param name="Command">The command line that produced the report.</param>
/// <param name="StartedAt">When the benchmark started (UTC).</param>
/// <param name="TotalSeconds">Wall-clock seconds of the whole benchmark (simulation, every run, the report).</param>
/// <param name="Machine">The host.</param>
/// <param name="Note">Free text given on the command line (e.g. "shared machine"), or null.</param>
/// <param name="Simulation">The simulated world.</param>
/// <param name="Evaluation">The evaluation protocol every row was judged under.</param>
/// <param name="Rows">Students and baselines, by stage.</param>
/// <param name="Verdicts">The acceptance rules, computed from <paramref name="Rows"/>.</param>
public sealed record QualityReport(
    string Command,
    DateTimeOffset StartedAt,
    double TotalSeconds,
    BenchmarkMachine Machine,
    string? Note,
    SimulationOptions Simulation,
    EvaluationDefinition Evaluation,
    IReadOnlyList<QualityRow> Rows,
    IReadOnlyList<QualityVerdict> Verdicts)
{
    public const string JsonFileName = "quality.json";
    public const string MarkdownFileName = "quality.md";

    /// <summary>Version of the JSON layout.</summary>
    public const int FormatVersion = 1;
}
