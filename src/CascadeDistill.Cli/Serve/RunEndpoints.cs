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
/// <c>GET /api/runs/{jobId}</c> reports the job and its run. Access as the dashboard's (<see cref="RunApiAccessFilter"/>):
/// GET for any authorised user, POST for admins;
/// the body must be JSON, so a browser cannot post it cross-site without a CORS preflight, which is never granted.
/// </summary>
public static class RunEndpoints
{
    public const string RunsPath = "/api/runs";

    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RouteGroupBuilder group = app.MapGroup(RunsPath).AddEndpointFilter<RunApiAccessFilter>();
        group.MapPost("/", Submit);
        group.MapGet("/{jobId}", StatusAsync);
        return app;
    }

    private static async Task<IResult> Submit(
        RunSubmission submission, PipelineCatalogue catalogue, ILogStore logs, IRunStore runs, IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(submission.Pipeline))
        {
            return Results.Problem("'pipeline' is required.", statusCode: StatusCodes.Status400BadRequest);
        }
        PipelineDefinition definition;
        DateOnly? day;
        try
        {
            day = DistillationJob.ParsePartition(submission.Partition);
            definition = catalogue.Load(submission.Pipeline);
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
        if (submission.Force && await FindRunToSupersedeAsync(definition, day, logs, runs, cancellationToken).ConfigureAwait(false) is { } superseded)
        {
            // Resolved now, at acceptance: duplicate forced requests name the same run, so they give one new run.
            string rerunPartition = DistillationJob.Format(superseded.Partition);
            string supersededRunId = superseded.RunId;
            string rerunJobId = jobs.Enqueue<DistillationJob>(job => job.RerunAsync(pipeline, rerunPartition, supersededRunId, CancellationToken.None));
            string rerunStatus = $"{RunsPath}/{rerunJobId}";
            return Results.Accepted(rerunStatus, new RunSubmissionAccepted(rerunJobId, pipeline, rerunPartition, rerunStatus, supersededRunId));
        }
        string jobId = jobs.Enqueue<DistillationJob>(job => job.RunAsync(pipeline, partition, CancellationToken.None));
        string status = $"{RunsPath}/{jobId}";
        return Results.Accepted(status, new RunSubmissionAccepted(jobId, pipeline, partition, status));
    }

    /// <summary>The newest run of the partition (default: the newest log day) under the pipeline's current configuration, when it succeeded.</summary>
    private static async Task<RunRecord?> FindRunToSupersedeAsync(
        PipelineDefinition definition, DateOnly? partition, ILogStore logs, IRunStore runs, CancellationToken cancellationToken)
    {
        IReadOnlyList<DateOnly> days = logs.ListDays();
        if ((partition ?? (days.Count > 0 ? days[^1] : null)) is not { } day)
        {
            return null;
        }
        RunRecord? latest = await runs.FindLatestRunAsync(definition.Name, day, PipelineConfigHash.Compute(definition), cancellationToken).ConfigureAwait(false);
        return latest is { Status: RunStatus.Succeeded } ? latest : null;
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
        if (job?.Job is not { Type: var type, Method.Name: nameof(DistillationJob.RunAsync) or nameof(DistillationJob.RerunAsync) } || type != typeof(DistillationJob))
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
            string? superseded = job.Job.Method.Name == nameof(DistillationJob.RerunAsync) ? (string?)job.Job.Args[2] : null;
            run = candidates.FirstOrDefault(r => r.Partition == d && r.ConfigHash == configHash && (superseded is null || r.SupersedesRunId == superseded))
                ?? candidates.FirstOrDefault(r => r.Partition == d && r.ConfigHash == configHash);
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
