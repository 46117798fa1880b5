using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CascadeDistill.Benchmarks;

/// <summary>
/// <c>quality.json</c>: <c>benchmark</c>, <c>format_version</c>, <c>command</c>, <c>started_at</c>,
/// <c>total_seconds</c>, <c>machine</c>, <c>note</c>, <c>simulation</c>, <c>evaluation</c>, <c>rows</c> (each with
/// <c>recipe</c>, <c>stage</c>, <c>kind</c>, <c>teacher_agreement</c>, <c>ground_truth</c>, <c>parameters</c>,
/// <c>training_seconds</c>, <c>dataset_recipe</c>, <c>derived_from</c>) and <c>verdicts</c>. Metric values are
/// rounded to 6 decimals; keys are snake_case; absent values are null.
/// </summary>
public static class QualityReportJson
{
    public static string Write(QualityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = new JsonObject
        {
            ["benchmark"] = "quality",
            ["format_version"] = QualityReport.FormatVersion,
            ["command"] = report.Command,
            ["started_at"] = report.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["total_seconds"] = Math.Round(report.TotalSeconds, 1),
            ["machine"] = new JsonObject
            {
                ["os"] = report.Machine.Os,
                ["runtime"] = report.Machine.Runtime,
                ["architecture"] = report.Machine.Architecture,
                ["logical_cores"] = report.Machine.LogicalCores,
                ["memory_bytes"] = report.Machine.MemoryBytes,
                ["cpu"] = report.Machine.Cpu,
            },
            ["note"] = report.Note,
            ["simulation"] = new JsonObject
            {
                ["seed"] = report.Simulation.Seed,
                ["start_day"] = report.Simulation.StartDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["days"] = report.Simulation.Days,
                ["users"] = report.Simulation.Users,
                ["items"] = report.Simulation.Items,
                ["requests_per_day"] = report.Simulation.RequestsPerDay,
                ["candidates_per_request"] = report.Simulation.CandidatesPerRequest,
                ["list_length"] = report.Simulation.ListLength,
            },
            ["evaluation"] = new JsonObject
            {
                ["top_k"] = report.Evaluation.TopK,
                ["candidate_top_n"] = report.Evaluation.CandidateTopN,
                ["catalogue_top_n"] = report.Evaluation.CatalogueTopN,
                ["max_requests"] = report.Evaluation.MaxRequests,
                ["seed"] = report.Evaluation.Seed,
            },
            ["rows"] = new JsonArray(report.Rows.Select(Row).ToArray<JsonNode?>()),
            ["verdicts"] = new JsonArray(report.Verdicts.Select(v => (JsonNode?)new JsonObject
            {
                ["rule"] = v.Rule,
                ["stage"] = v.Stage,
                ["outcome"] = v.Outcome,
                ["detail"] = v.Detail,
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonObject Row(QualityRow row) => new()
    {
        ["recipe"] = row.Recipe,
        ["stage"] = row.Stage,
        ["kind"] = row.Kind,
        ["teacher_agreement"] = Metrics(row.TeacherAgreement),
        ["ground_truth"] = Metrics(row.GroundTruth),
        ["parameters"] = row.Parameters,
        ["training_seconds"] = row.TrainingSeconds,
        ["dataset_recipe"] = row.DatasetRecipe,
        ["derived_from"] = row.DerivedFrom,
    };

    private static JsonObject Metrics(IReadOnlyDictionary<string, double> metrics)
    {
        var node = new JsonObject();
        foreach ((string name, double value) in metrics.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            node[name] = double.IsFinite(value) ? Math.Round(value, 6) : null;
        }
        return node;
    }
}
