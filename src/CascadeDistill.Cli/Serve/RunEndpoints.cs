using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Registry;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CascadeDistill.Cli.Serve;

/// <summary>
/// The run API that <c>cascade-distill run --server URL</c> calls: <c>POST /api/runs</c> enqueues the same
/// <see cref="DistillationJob"/> the dashboard and the schedule use (identifiers only) and answers 202 with the job id;
/// <c>GET /api/runs/{jobId}</c> reports the job and its run. Loopback only (<see cref="LoopbackOnlyEndpointFilter"/>);
/// the body must be JSON, so a browser cannot post it cross-site without a CORS preflight, which is never granted.
/// </summary>
public static class RunEndpoints
{
    public const string RunsPath = "/api/runs";

    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RouteGroupBuilder group = app.MapGroup(RunsPath).AddEndpointFilter<LoopbackOnlyEndpointFilter>();
        group.MapPost("/", Submit);
        group.MapGet("/{jobId}", StatusAsync);
        return app;
    }

    private static IResult Submit(RunSubmission submission, PipelineCatalogue catalogue, IBackgroundJobClient jobs)
    {
        if (string.IsNullOrWhiteSpace(submission.Pipeline))
        {
            return Results.Problem("'pipeline' is required.", statusCode: StatusCodes.Status400BadRequest);
        }
        try
        {
            _ = DistillationJob.ParsePartition(submission.Partition);
            _ = catalogue.Load(submission.Pipeline);
        }
        catch (PipelineNotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (Exception ex) when (ex is ArgumentException or PipelineDefinitionException)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        string pipeline = submission.Pipeline;
        string? partition = submission.Partition;
        string jobId = jobs.Enqueue<DistillationJob>(job => job.RunAsync(pipeline, partition, CancellationToken.None));
        string status = $"{RunsPath}/{jobId}";
        return Results.Accepted(status, new RunSubmissionAccepted(jobId, pipeline, partition, status));
    }

    private static async Task<IResult> StatusAsync(
        string jobId, JobStorage storage, PipelineCatalogue catalogue, ILogStore logs, IRunStore runs, IModelRegistry registry, CancellationToken cancellationToken)
    {
        JobData? job;
        StateData? state;
        using (IStorageConnection connection = storage.GetConnection())
        {
            job = connection.GetJobData(jobId);
            state = job is null ? null : connection.GetStateData(jobId);
        }
        if (job?.Job is not { Type: var type, Method.Name: nameof(DistillationJob.RunAsync) } || type != typeof(DistillationJob))
        {
            return Results.Problem($"No distillation job {jobId}.", statusCode: StatusCodes.Status404NotFound);
        }
        string pipeline = (string)job.Job.Args[0];
        string? partition = (string?)job.Job.Args[1];
        string jobState = state?.Name ?? job.State;

        RunRecord? run = null;
        ModelVersion? version = null;
        PipelineDefinition definition = catalogue.Load(pipeline);
        IReadOnlyList<DateOnly> days = logs.ListDays();
        DateOnly? day = DistillationJob.ParsePartition(partition) ?? (days.Count > 0 ? days[^1] : null);
        if (day is { } d)
        {
            string configHash = PipelineConfigHash.Compute(definition);
            IReadOnlyList<RunRecord> candidates = await runs.ListRunsAsync(new RunQuery(pipeline, null, 1000), cancellationToken).ConfigureAwait(false);
            run = candidates.FirstOrDefault(r => r.Partition == d && r.ConfigHash == configHash);
        }
        if (run is not null)
        {
            IReadOnlyList<ModelVersion> versions = await registry.ListVersionsAsync(definition.Publish.ModelName, includeNonReady: true, cancellationToken).ConfigureAwait(false);
            version = versions.LastOrDefault(v => v.RunId == run.RunId);
        }
        string? stage = run?.Stages.LastOrDefault(s => s.Status != StageStatus.Succeeded)?.Stage.ToString() ?? run?.Stages.LastOrDefault()?.Stage.ToString();
        return Results.Ok(new RunJobStatus(
            jobId, jobState, state?.Reason, pipeline, partition ?? (day is { } p ? DistillationJob.Format(p) : null),
            run?.RunId, run?.Status.ToString(), run?.Attempt, run?.FailureReason, stage,
            version?.ModelName, version?.Version, version?.Status.ToString(),
            Finished: jobState is "Failed" or "Deleted" || (jobState == "Succeeded" && run?.Status != RunStatus.Running)));
    }
}
