using System.Text.Json.Nodes;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Tests.Commands;

public sealed class DemoSummaryTests
{
    [Fact]
    public void Summary_HasTheDocumentedKeys_AndDropsNonFiniteMetrics()
    {
        var version = new ModelVersion("m", 3, "run", "p", "hash", "digest", ModelVersionStatus.Ready, "models/m/v0003", [], null, null, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);
        var result = new PipelineRunResult(
            "run", "p", new DateOnly(2026, 11, 8), version, "/w/models/m/v0003", ["/w/u.onnx", "/w/i.onnx"], "/w/e.arrow",
            Evaluation: null,
            new Dictionary<string, double> { ["student.a"] = 0.5, ["random.a"] = double.NaN },
            ParityMaxAbsDiff: 2e-7,
            Accounting: null,
            new Dictionary<string, double> { ["TrainStudent"] = 12.5 },
            AlreadyDone: false);

        JsonObject summary = DemoCommand.Summary(result, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));

        Assert.Equal(2, summary["onnx"]!.AsArray().Count);
        Assert.Equal(3, summary["version"]!.GetValue<int>());
        Assert.Equal(0.5, summary["metrics"]!["student.a"]!.GetValue<double>());
        Assert.Null(summary["metrics"]!["random.a"]);
        Assert.Equal(2e-7, summary["parity_max_abs_diff"]!.GetValue<double>());
        Assert.Equal(12.5, summary["timings_s"]!["TrainStudent"]!.GetValue<double>());
        Assert.Equal(3, summary["timings_s"]!["Simulate"]!.GetValue<double>());
    }
}
