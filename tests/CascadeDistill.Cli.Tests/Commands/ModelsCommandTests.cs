using System.Text.Json.Nodes;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Registry;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary><c>models list --json</c>: what scripts read for each version.</summary>
public sealed class ModelsCommandTests
{
    private static readonly DateOnly s_day = new(2025, 1, 14);
    private static readonly string s_hash = new('a', 64);

    [Fact]
    public void ToJson_VersionsOfARunAndItsForcedRerun_CarryPipelineVersionStatusPartitionMetricsAndLineage()
    {
        RunRecord first = Run("run-1", generation: 0, supersedes: null);
        RunRecord rerun = Run("run-2", generation: 1, supersedes: "run-1");
        ModelVersion[] versions = [Version(1, "run-1", """{"student":{"recall@50":0.5}}"""), Version(2, "run-2", null)];

        JsonArray json = ModelsCommand.ToJson(versions, [rerun, first]);

        JsonNode v1 = json[0]!;
        JsonNode v2 = json[1]!;
        Assert.Equal(("recall", 1, "Ready", "recall-pointwise", "2025-01-14"),
            ((string)v1["model"]!, (int)v1["version"]!, (string)v1["status"]!, (string)v1["pipeline"]!, (string)v1["partition"]!));
        Assert.Equal(0.5, (double)v1["metrics"]!["student"]!["recall@50"]!);
        Assert.Equal(("run-2", (string?)null), ((string?)v1["superseded_by_run_id"], (string?)v1["supersedes_run_id"]));
        Assert.Equal(((string?)null, "run-1", "2025-01-14"), ((string?)v2["superseded_by_run_id"], (string?)v2["supersedes_run_id"], (string?)v2["partition"]));
        Assert.Null(v2["metrics"]);
    }

    [Fact]
    public void ToJson_RunNotAmongTheListedRuns_HasNoPartition()
    {
        JsonArray json = ModelsCommand.ToJson([Version(1, "gone", null)], []);

        Assert.Null(json[0]!["partition"]);
    }

    private static RunRecord Run(string runId, int generation, string? supersedes) => new(
        runId, "recall-pointwise", s_day, s_day.AddDays(-3), s_day, s_hash, RunStatus.Succeeded, 1,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, null, [])
    {
        Generation = generation,
        SupersedesRunId = supersedes,
    };

    private static ModelVersion Version(int version, string runId, string? metrics) => new(
        "recall", version, runId, "recall-pointwise", s_hash, new string('b', 64), ModelVersionStatus.Ready, $"models/recall/v{version:D4}",
        [], metrics, null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);
}
