using System.Security.Cryptography;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Composition;
using CascadeDistill.Cli.Terminal;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Tests.Commands;

/// <summary><c>run --force</c> in process on tiny data: a new run and a new version; the older version and its files stay as they were.</summary>
public sealed class ForcedRerunEndToEndTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-force-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task RunForce_AfterASucceededRun_PublishesANewVersion_OldVersionIntact_PlainRunAfterwardsRedoesNothing()
    {
        var work = new DirectoryInfo(Path.Combine(_root.FullName, "work"));
        SimulateCommand.Execute(work, TinyPipelineFolder.Simulation, new TerminalRunObserver(TextWriter.Null, interactive: false), CancellationToken.None);
        DirectoryInfo pipelines = TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));
        PipelineDefinition pipeline = RunCommand.LoadPipeline(pipelines, TinyPipelineFolder.Pipeline);
        string[] run = ["run", "--pipeline", TinyPipelineFolder.Pipeline, "--work-dir", work.FullName, "--pipelines", pipelines.FullName];

        int first = await CliRoot.Create().Parse(run).InvokeAsync();
        PipelineRunnerServices services = CliServices.Open(work.FullName).Runner;
        ModelVersion original = Assert.Single(await services.Registry.ListVersionsAsync(pipeline.Publish.ModelName, includeNonReady: true, CancellationToken.None));
        Dictionary<string, string> originalFiles = Digests(services.Artifacts.Resolve(original));
        int again = await CliRoot.Create().Parse(run).InvokeAsync();
        int forced = await CliRoot.Create().Parse([.. run, "--force"]).InvokeAsync();
        int afterwards = await CliRoot.Create().Parse(run).InvokeAsync();

        Assert.Equal((0, 0, 0, 0), (first, again, forced, afterwards));
        IReadOnlyList<ModelVersion> versions = await services.Registry.ListVersionsAsync(pipeline.Publish.ModelName, includeNonReady: true, CancellationToken.None);
        Assert.Equal(2, versions.Count);
        Assert.All(versions, v => Assert.Equal(ModelVersionStatus.Ready, v.Status));
        ModelVersion rerunVersion = versions.Single(v => v.Version != original.Version);
        Assert.True(rerunVersion.Version > original.Version);
        ModelVersion unchanged = versions.Single(v => v.Version == original.Version);
        Assert.Equal((original.RunId, original.ReadyAt), (unchanged.RunId, unchanged.ReadyAt));
        Assert.Equal(originalFiles, Digests(services.Artifacts.Resolve(unchanged)));
        IReadOnlyList<RunRecord> runs = await services.Runs.ListRunsAsync(new RunQuery(pipeline.Name), CancellationToken.None);
        Assert.Equal(2, runs.Count);
        RunRecord rerun = runs.Single(r => r.RunId == rerunVersion.RunId);
        Assert.Equal((1, original.RunId, RunStatus.Succeeded), (rerun.Generation, rerun.SupersedesRunId, rerun.Status));
        Assert.Equal(RunStatus.Succeeded, runs.Single(r => r.RunId == original.RunId).Status);
    }

    private static Dictionary<string, string> Digests(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(directory, f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))),
            StringComparer.Ordinal);
}
