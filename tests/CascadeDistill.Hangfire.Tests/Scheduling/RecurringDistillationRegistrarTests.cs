using CascadeDistill.Hangfire.Scheduling;
using CascadeDistill.Hangfire.Tests.Support;
using CascadeDistill.Pipelines;
using CascadeDistill.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Hangfire.Tests.Scheduling;

public sealed class RecurringDistillationRegistrarTests
{
    [Fact]
    public void RegisterAll_PipelinesFolder_OneUtcRecurringJobPerPipelineWithConfiguredCron()
    {
        using var scratch = new ScratchDirectory();
        File.WriteAllText(scratch.Combine("recall.yaml"), "name: recall");
        File.WriteAllText(scratch.Combine("prerank.yaml"), "name: prerank");
        File.WriteAllText(scratch.Combine("notes.txt"), "not a pipeline");
        var manager = new RecordingRecurringJobManager();
        var options = new DistillationScheduleOptions { Pipelines = { ["prerank"] = "0 5 * * *" } };
        var registrar = new RecurringDistillationRegistrar(new PipelineCatalogue(scratch.Path), manager, Options.Create(options), NullLogger<RecurringDistillationRegistrar>.Instance);

        IReadOnlyList<string> ids = registrar.RegisterAll();

        Assert.Equal(["distil:prerank", "distil:recall"], ids);
        Assert.Equal("0 5 * * *", manager.Jobs["distil:prerank"].Cron);
        Assert.Equal(DistillationScheduleOptions.DailyCron, manager.Jobs["distil:recall"].Cron);
        Assert.All(manager.Jobs.Values, j => Assert.Equal(TimeZoneInfo.Utc, j.Options.TimeZone));
        Assert.Equal(typeof(DistillationScheduleJob), manager.Jobs["distil:recall"].Job.Type);
        Assert.Equal("recall", manager.Jobs["distil:recall"].Job.Args[0]);
    }
}
