using System.Text.Json;
using CascadeDistill.Benchmarks;
using CascadeDistill.Pipelines;
using CascadeDistill.Simulation;

namespace CascadeDistill.Core.Tests.Benchmarks;

/// <summary>quality.json and quality.md from a hand-made report.</summary>
public sealed class QualityReportTests
{
    private static readonly QualityRow[] s_rows =
    [
        new("recall-a", "recall", QualityRowKind.Distilled,
            new Dictionary<string, double> { ["catalogue_recall@10in100"] = 0.9512345678 },
            new Dictionary<string, double> { ["click_auc"] = 0.7, ["click_hit_rate@10"] = 0.5 },
            Parameters: 1234, TrainingSeconds: 12.5, DatasetRecipe: "pointwise"),
        new("recall-a-ground-truth", "recall", QualityRowKind.GroundTruthOnly,
            new Dictionary<string, double> { ["catalogue_recall@10in100"] = 0.5 },
            new Dictionary<string, double> { ["click_auc"] = 0.7, ["click_hit_rate@10"] = 0.5 },
            Parameters: 1234, TrainingSeconds: 10, DatasetRecipe: "pointwise", DerivedFrom: "recall-a"),
        new("popularity", "recall", QualityRowKind.Baseline,
            new Dictionary<string, double> { ["catalogue_recall@10in100"] = 0.2 },
            new Dictionary<string, double> { ["click_auc"] = 0.6, ["click_hit_rate@10"] = 0.4 }),
    ];

    private static QualityReport Report() => new(
        "cascade-distill bench quality --work-dir /tmp/q",
        new DateTimeOffset(2026, 11, 23, 1, 2, 3, TimeSpan.Zero),
        123.4,
        new BenchmarkMachine("Linux", ".NET 10", "x64", 2, 24L << 30, "Test CPU"),
        "shared machine",
        new SimulationOptions(),
        PipelineDefaults.Evaluation,
        s_rows,
        QualityVerdicts.Judge(s_rows, PipelineDefaults.Evaluation));

    [Fact]
    public void Json_Rows_CarryTheFieldsTheIssueNames()
    {
        using JsonDocument json = JsonDocument.Parse(QualityReportJson.Write(Report()));
        JsonElement root = json.RootElement;

        Assert.Equal("cascade-distill bench quality --work-dir /tmp/q", root.GetProperty("command").GetString());
        Assert.Equal(2, root.GetProperty("machine").GetProperty("logical_cores").GetInt32());
        Assert.Equal(new SimulationOptions().Seed, root.GetProperty("simulation").GetProperty("seed").GetInt32());
        JsonElement[] rows = [.. root.GetProperty("rows").EnumerateArray()];
        Assert.Equal(3, rows.Length);
        JsonElement first = rows[0];
        Assert.Equal("recall-a", first.GetProperty("recipe").GetString());
        Assert.Equal("recall", first.GetProperty("stage").GetString());
        Assert.Equal("distilled", first.GetProperty("kind").GetString());
        Assert.Equal(0.951235, first.GetProperty("teacher_agreement").GetProperty("catalogue_recall@10in100").GetDouble());
        Assert.Equal(0.7, first.GetProperty("ground_truth").GetProperty("click_auc").GetDouble());
        Assert.Equal(1234, first.GetProperty("parameters").GetInt64());
        Assert.Equal(12.5, first.GetProperty("training_seconds").GetDouble());
        Assert.Equal("recall-a", rows[1].GetProperty("derived_from").GetString());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("parameters").ValueKind);
        Assert.Equal(8, root.GetProperty("verdicts").GetArrayLength());
    }

    [Fact]
    public void Markdown_HasMachineCommandTableAndEveryVerdict()
    {
        QualityReport report = Report();

        string md = QualityReportMarkdown.Write(report);

        Assert.Contains("`cascade-distill bench quality --work-dir /tmp/q`", md, StringComparison.Ordinal);
        Assert.Contains("Test CPU, 2 logical cores, 24 GiB", md, StringComparison.Ordinal);
        Assert.Contains("shared machine", md, StringComparison.Ordinal);
        Assert.Contains("| recall-a | distilled | pointwise | 1,234 | 12.5 | 0.951 | 0.700 | 0.500 |", md, StringComparison.Ordinal);
        Assert.Contains("| popularity | baseline | — | — | — | 0.200 | 0.600 | 0.400 |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("## Pre-ranking students", md, StringComparison.Ordinal);
        foreach (QualityVerdict verdict in report.Verdicts)
        {
            Assert.Contains($"| `{verdict.Rule}` | {verdict.Stage} |", md, StringComparison.Ordinal);
        }
        Assert.Contains("| `recall_catalogue_recall` | recall | ✅ pass |", md, StringComparison.Ordinal);
        Assert.Contains("| `prerank_ndcg` | prerank | — missing |", md, StringComparison.Ordinal);
    }
}
