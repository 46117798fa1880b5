using System.Diagnostics;
using System.Globalization;
using CascadeDistill.IO;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.Simulation;

namespace CascadeDistill.Benchmarks;

/// <summary>
/// The quality benchmark, with no infrastructure of its own: simulates the world of
/// <see cref="QualityBenchmarkOptions.Simulation"/> into the run services' stores, runs every entry of
/// <see cref="QualityBenchmarkPlan"/> through <see cref="PipelineRunner"/> (each one a full run: dataset,
/// training, evaluation, ONNX export with parity, publish), collects rows from the run results, judges
/// them (<see cref="QualityVerdicts"/>) and writes <c>quality.json</c> and <c>quality.md</c>.
/// The work directory must be fresh: a run found already done would report no training.
/// </summary>
public sealed class QualityBenchmarkRunner(PipelineRunnerServices services, IRunObserver observer, Action<string> progress)
{
    public async Task<QualityReport> RunAsync(
        IReadOnlyList<PipelineDefinition> pipelines,
        QualityBenchmarkOptions options,
        string command,
        BenchmarkMachine machine,
        string? note,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(options);
        DateTimeOffset startedAt = services.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        if (pipelines.Count == 0)
        {
            throw new InvalidDataException("No pipelines to benchmark: the pipelines folder holds no *.yaml file.");
        }
        IReadOnlyList<QualityBenchmarkEntry> plan = QualityBenchmarkPlan.Create(pipelines, options);

        SimulationOptions world = options.Simulation;
        progress(Invariant($"Simulating {world.Days} days × {world.RequestsPerDay:N0} requests × {world.CandidatesPerRequest} candidates (seed {world.Seed})"));
        new SimulateLogs(services.Logs, services.Catalogue).Write(
            new LogSimulator(world),
            (fraction, message) => observer.StageProgress(RunStage.ReadLogs, fraction, message),
            cancellationToken);

        var students = new List<QualityRow>();
        var baselines = new List<QualityRow>();
        for (int i = 0; i < plan.Count; i++)
        {
            QualityBenchmarkEntry entry = plan[i];
            string what = entry.DerivedFrom is null ? entry.Kind : $"{entry.Kind}, derived from {entry.DerivedFrom}";
            progress(Invariant($"[{i + 1}/{plan.Count}] {entry.Pipeline.Name} ({PipelineVocabulary.NameOf(entry.Stage)}, {what})"));
            var runClock = Stopwatch.StartNew();
            PipelineRunResult result = await new PipelineRunner(services, observer).RunAsync(entry.Pipeline, partition: null, cancellationToken).ConfigureAwait(false);
            if (result.AlreadyDone)
            {
                throw new InvalidOperationException($"Run {result.RunId} of {entry.Pipeline.Name} was already done in this work directory; the benchmark needs a fresh one.");
            }
            QualityRow row = QualityRows.Student(entry, result, options.Evaluation);
            students.Add(row);
            if (entry.Kind == QualityRowKind.GroundTruthOnly)
            {
                baselines.AddRange(QualityRows.Baselines(entry.Stage, result.Evaluation!, options.Evaluation));
            }
            progress(Invariant($"[{i + 1}/{plan.Count}] {entry.Pipeline.Name} done in {runClock.Elapsed.TotalSeconds:F1} s: {Describe(row)}"));
        }

        QualityRow[] rows = Order(students.Concat(baselines));
        clock.Stop();
        return new QualityReport(
            command,
            startedAt,
            clock.Elapsed.TotalSeconds,
            machine,
            note,
            world,
            options.Evaluation,
            rows,
            QualityVerdicts.Judge(rows, options.Evaluation));
    }

    /// <summary>Writes <c>quality.json</c> and <c>quality.md</c> into <paramref name="directory"/> (atomically); returns their paths.</summary>
    public static async Task<(string Json, string Markdown)> WriteAsync(string directory, QualityReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        string json = Path.Combine(directory, QualityReport.JsonFileName);
        string markdown = Path.Combine(directory, QualityReport.MarkdownFileName);
        await AtomicFile.WriteAllTextAsync(json, QualityReportJson.Write(report), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(markdown, QualityReportMarkdown.Write(report), cancellationToken).ConfigureAwait(false);
        return (json, markdown);
    }

    /// <summary>Recall rows first, then pre-rank; within a stage: distilled by name, the ground-truth-only student, the baselines.</summary>
    public static QualityRow[] Order(IEnumerable<QualityRow> rows) =>
        rows.OrderBy(r => r.Stage == PipelineVocabulary.NameOf(StudentStage.Recall) ? 0 : 1)
            .ThenBy(r => r.Kind switch { QualityRowKind.Distilled => 0, QualityRowKind.GroundTruthOnly => 1, _ => 2 })
            .ThenBy(r => r.Kind == QualityRowKind.Baseline ? IndexOf(QualityRows.BaselineScorers, r.Recipe) : 0)
            .ThenBy(r => r.Recipe, StringComparer.Ordinal)
            .ToArray();

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }
        return names.Count;
    }

    private static string Describe(QualityRow row) =>
        string.Join(", ", row.TeacherAgreement.Concat(row.GroundTruth).Select(p => Invariant($"{p.Key} {p.Value:F3}")));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
