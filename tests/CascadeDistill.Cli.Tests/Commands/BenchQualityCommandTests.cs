using System.Text.Json;
using CascadeDistill.Benchmarks;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary><c>bench quality</c> end to end on the hidden tiny world, over the repository's whole pipelines folder.</summary>
public sealed class BenchQualityCommandTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-bench-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task BenchQuality_TinyWorld_WritesARowPerPipelineTwinsBaselinesAndVerdicts()
    {
        string work = Path.Combine(_root.FullName, "bench");
        DirectoryInfo pipelines = RepositoryPaths.Pipelines();
        IReadOnlyList<PipelineDefinition> shipped = new PipelineCatalogue(pipelines.FullName).LoadAll();

        int code = await CliRoot.Create()
            .Parse(["bench", "quality", "--work-dir", work, "--pipelines", pipelines.FullName, "--tiny", "--note", "test run"])
            .InvokeAsync();

        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, QualityReport.JsonFileName)));
        JsonElement[] rows = [.. json.RootElement.GetProperty("rows").EnumerateArray()];
        string[] stages = shipped.Select(p => PipelineVocabulary.NameOf(p.Stage)).Distinct().ToArray();
        Assert.Equal(
            shipped.Select(p => p.Name).Order(StringComparer.Ordinal),
            rows.Where(r => r.GetProperty("kind").GetString() == QualityRowKind.Distilled).Select(r => r.GetProperty("recipe").GetString()!).Order(StringComparer.Ordinal));
        foreach (string stage in stages)
        {
            JsonElement[] ofStage = rows.Where(r => r.GetProperty("stage").GetString() == stage).ToArray();
            Assert.Single(ofStage, r => r.GetProperty("kind").GetString() == QualityRowKind.GroundTruthOnly);
            Assert.Equal(["teacher", "popularity"],
                ofStage.Where(r => r.GetProperty("kind").GetString() == QualityRowKind.Baseline).Select(r => r.GetProperty("recipe").GetString()));
        }
        foreach (JsonElement student in rows.Where(r => r.GetProperty("kind").GetString() != QualityRowKind.Baseline))
        {
            Assert.True(student.GetProperty("parameters").GetInt64() > 0);
            Assert.True(student.GetProperty("training_seconds").GetDouble() >= 0);
            Assert.NotEmpty(student.GetProperty("teacher_agreement").EnumerateObject());
            foreach (JsonProperty metric in student.GetProperty("teacher_agreement").EnumerateObject().Concat(student.GetProperty("ground_truth").EnumerateObject()))
            {
                Assert.InRange(metric.Value.GetDouble(), 0.0, 1.0);
            }
            Assert.True(student.GetProperty("ground_truth").TryGetProperty("click_hit_rate@10", out _));
        }
        // The ground-truth-only twin and the distilled students of a stage have the same size.
        foreach (string stage in stages)
        {
            Assert.Single(rows.Where(r => r.GetProperty("stage").GetString() == stage && r.GetProperty("kind").GetString() != QualityRowKind.Baseline)
                .Select(r => r.GetProperty("parameters").GetInt64()).Distinct());
        }
        Assert.Equal(8, json.RootElement.GetProperty("verdicts").GetArrayLength());
        Assert.Equal("test run", json.RootElement.GetProperty("note").GetString());
        Assert.StartsWith("cascade-distill bench quality --work-dir", json.RootElement.GetProperty("command").GetString(), StringComparison.Ordinal);
        string markdown = await File.ReadAllTextAsync(Path.Combine(work, QualityReport.MarkdownFileName));
        Assert.Contains("## Verdicts", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchQuality_NonEmptyWorkDir_IsRefusedWithUsageExitCode()
    {
        string marker = Path.Combine(_root.FullName, "keep.txt");
        await File.WriteAllTextAsync(marker, "existing");

        int code = await CliRoot.Create()
            .Parse(["bench", "quality", "--work-dir", _root.FullName, "--pipelines", RepositoryPaths.Pipelines().FullName, "--tiny"])
            .InvokeAsync();

        Assert.Equal(2, code);
        Assert.Equal([marker], Directory.GetFileSystemEntries(_root.FullName));
    }
}
