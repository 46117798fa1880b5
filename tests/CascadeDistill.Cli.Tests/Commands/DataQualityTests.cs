using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Quality;
using CascadeDistill.Registry;
using CascadeDistill.Runs;
using CascadeDistill.Simulation;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary><c>validate</c> and the run-time checks: truncated files quarantined (never a crash), the quarantine-rate limit and drift gates refuse a run before training.</summary>
public sealed class DataQualityTests : IDisposable
{
    private static readonly SimulationOptions s_tiny = TinyPipelineFolder.Simulation with { Days = 3, RequestsPerDay = 100, CandidatesPerRequest = 20, ListLength = 10 };
    private static readonly DateOnly s_last = s_tiny.StartDay.AddDays(s_tiny.Days - 1);

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cascade-distill-quality-");
    private readonly TerminalRunObserver _observer = new(TextWriter.Null, interactive: false);

    public DataQualityTests()
    {
        SimulateCommand.Execute(_work, s_tiny, _observer, CancellationToken.None);
    }

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void Validate_SimulatedPartition_ReportsDriftAgainstThePreviousDaysAndWouldProceed()
    {
        PartitionValidation result = ValidateCommand.Execute(_work.FullName, null, null, CancellationToken.None);

        Assert.Equal(s_last, result.Partition);
        Assert.False(result.WouldBlock);
        Assert.Equal([s_tiny.StartDay, s_tiny.StartDay.AddDays(1)], result.Quality!.Drift.BaselineDays);
        Assert.Contains(result.Quality.Drift.Figures, f => f.Name == "teacher_logit_js.click");
        Assert.Contains(result.Quality.Drift.Figures, f => f.Name == "feature_coverage.item.tags");
        Assert.Equal(0, result.Quality.Drift.Figures.Single(f => f.Name == "request_volume").Value);
        var output = new StringWriter();
        result.Print(output);
        Assert.Contains("OK: a run on this partition would proceed.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TruncatedPartitionFile_IsQuarantinedAndWouldBlock()
    {
        string file = Truncate(s_last);

        PartitionValidation result = ValidateCommand.Execute(_work.FullName, s_last, null, CancellationToken.None);

        LogFileCheck quarantined = Assert.Single(result.Quality!.Screening.Quarantined);
        Assert.Equal(file, quarantined.File.Path);
        Assert.Equal(LogReasonCodes.TruncatedFile, quarantined.ReasonCode);
        Assert.True(result.WouldBlock);
        Assert.Contains(result.BlockingReasons, r => r.StartsWith("[empty_partition]", StringComparison.Ordinal));
        Assert.Contains(result.BlockingReasons, r => r.StartsWith("[" + DataQualityException.QuarantineRateExceeded + "]", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PipelineWithATightLogitGate_WouldBlockOnDrift()
    {
        PipelineDefinition pipeline = Pipeline(QualityDefinition.Default with
        {
            Drift = new Dictionary<string, DriftThresholdDefinition>(QualityDefinition.Default.Drift) { [DriftMetrics.TeacherLogitJs] = new(null, 1e-9) },
        });

        PartitionValidation result = ValidateCommand.Execute(_work.FullName, null, pipeline, CancellationToken.None);

        Assert.True(result.WouldBlock);
        Assert.Contains(result.Quality!.Drift.Blocking, f => f.Name == "teacher_logit_js.click");
    }

    [Fact]
    public async Task Run_QuarantineRateAboveTheLimit_FailsBeforeTrainingWithTheReason()
    {
        Truncate(s_tiny.StartDay);
        CliServices services = CliServices.Open(_work.FullName);

        DataQualityException error = await Assert.ThrowsAsync<DataQualityException>(
            () => new PipelineRunner(services.Runner, _observer).RunAsync(Pipeline(QualityDefinition.Default), null, CancellationToken.None));

        Assert.Equal(DataQualityException.QuarantineRateExceeded, error.ReasonCode);
        Assert.Contains(LogReasonCodes.TruncatedFile, error.Message, StringComparison.Ordinal);
        RunRecord run = Assert.Single(await services.Runner.Runs.ListRunsAsync(new RunQuery(null, null, 10), CancellationToken.None));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains(DataQualityException.QuarantineRateExceeded, run.FailureReason, StringComparison.Ordinal);
        Assert.Null(run.FindStage(RunStage.TrainStudent));
        Assert.Empty(await services.Runner.Registry.ListVersionsAsync(null, includeNonReady: true, CancellationToken.None));
    }

    [Fact]
    public async Task Run_TightLogitGate_FailsBeforeTrainingWithDriftBlocked()
    {
        PipelineDefinition pipeline = Pipeline(QualityDefinition.Default with
        {
            Drift = new Dictionary<string, DriftThresholdDefinition>(QualityDefinition.Default.Drift) { [DriftMetrics.TeacherLogitJs] = new(null, 1e-9) },
        });
        CliServices services = CliServices.Open(_work.FullName);

        DataQualityException error = await Assert.ThrowsAsync<DataQualityException>(
            () => new PipelineRunner(services.Runner, _observer).RunAsync(pipeline, null, CancellationToken.None));

        Assert.Equal(DataQualityException.DriftBlocked, error.ReasonCode);
        Assert.Contains("teacher_logit_js.click", error.Message, StringComparison.Ordinal);
        RunRecord run = Assert.Single(await services.Runner.Runs.ListRunsAsync(new RunQuery(null, null, 10), CancellationToken.None));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Null(run.FindStage(RunStage.TrainStudent));
        Assert.Empty(await services.Runner.Registry.ListVersionsAsync(null, includeNonReady: true, CancellationToken.None));
    }

    private string Truncate(DateOnly day)
    {
        string file = Path.Combine(_work.FullName, "logs", LogContract.PartitionFolder(day), SimulateLogs.FileName);
        byte[] bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        return file;
    }

    private static PipelineDefinition Pipeline(QualityDefinition quality)
    {
        PipelineDefinition shipped = RunCommand.LoadPipeline(RepositoryPaths.Pipelines(), DemoCommand.DemoPipeline);
        return shipped with
        {
            Logs = shipped.Logs with { WindowDays = 3, HoldoutDays = 1 },
            Training = shipped.Training with { Epochs = 1, BatchSize = 256 },
            Evaluation = shipped.Evaluation with { MaxRequests = 50 },
            Quality = quality,
        };
    }
}
