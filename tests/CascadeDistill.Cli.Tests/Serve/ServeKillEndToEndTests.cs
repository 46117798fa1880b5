using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Registry;
using Xunit.Abstractions;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary>
/// SIGKILL during training, then a restart: <c>serve</c> runs as a separate process on loopback. The run is
/// triggered by the host's own start-up catch-up (the tiny world's newest day is yesterday, UTC), because
/// Hangfire.InMemory cannot be reached from another process; the restart's start-up recovery resumes it.
/// </summary>
public sealed class ServeKillEndToEndTests(ITestOutputHelper output) : IDisposable
{
    // A deadline, not a timing: generous because the machine running the suite may be shared and loaded.
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(5);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-serve-kill-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Serve_KilledDuringTrainStudentThenRestarted_RunSucceedsWithOneReadyVersion()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        DateOnly yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var simulation = TinyPipelineFolder.Simulation with { StartDay = yesterday.AddDays(1 - TinyPipelineFolder.Simulation.Days) };
        SimulateCommand.Execute(work, simulation, new TerminalRunObserver(TextWriter.Null, interactive: false), CancellationToken.None);
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        // The database exists (migrated) before either host starts; the test reads the same SQLite file.
        CliServices services = CliServices.Open(work.FullName);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Serve__LeaseDuration"] = "00:00:10",
            ["Serve__SchedulePollingInterval"] = "00:00:01",
            ["Serve__WorkerCount"] = "1",
        };

        RunRecord interrupted;
        using (ServeProcess first = ServeProcess.Start(work, pipelines, environment))
        {
            interrupted = await PollAsync(
                async () => (await services.Runner.Runs.ListRunsAsync(new RunQuery(TinyPipelineFolder.Pipeline), CancellationToken.None))
                    .FirstOrDefault(r => r.FindStage(RunStage.TrainStudent)?.Status == StageStatus.Running),
                first,
                "the run's TrainStudent stage to be Running");
            first.Kill();
            output.WriteLine(first.Output);
        }
        Assert.Equal((RunStatus.Running, yesterday, 1), (interrupted.Status, interrupted.Partition, interrupted.Attempt));

        using (ServeProcess second = ServeProcess.Start(work, pipelines, environment))
        {
            RunRecord finished = await PollAsync(
                async () => await services.Runner.Runs.GetRunAsync(interrupted.RunId, CancellationToken.None) is { Status: RunStatus.Succeeded } run ? run : null,
                second,
                "the interrupted run to succeed after the restart");
            Assert.Equal(2, finished.Attempt);
            output.WriteLine(second.Output);
        }

        RunRecord only = Assert.Single(await services.Runner.Runs.ListRunsAsync(new RunQuery(), CancellationToken.None));
        Assert.Equal(interrupted.RunId, only.RunId);
        ModelVersion version = Assert.Single(await services.Runner.Registry.ListVersionsAsync(TinyPipelineFolder.Pipeline, includeNonReady: true, CancellationToken.None));
        Assert.Equal((ModelVersionStatus.Ready, only.RunId), (version.Status, version.RunId));
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe, ServeProcess process, string what)
        where T : class
    {
        DateTime deadline = DateTime.UtcNow + s_deadline;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Timed out waiting for {what}. Host output:{Environment.NewLine}{process.Output}");
    }
}
