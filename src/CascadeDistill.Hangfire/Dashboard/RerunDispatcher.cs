using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Registry;
using global::Hangfire;
using global::Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>
/// <c>POST /hangfire/runs/{runId}/rerun</c>, the Runs page's "Rerun" button: enqueues a forced rerun
/// (<see cref="DistillationJob.RerunAsync"/>) that supersedes the run with a new run and a new version, leaving the
/// run and its version intact. Admins only (read-only requests get 403); the dashboard middleware refuses a POST
/// without the antiforgery token first. Only the newest Succeeded run of its (pipeline, partition, config hash) can be
/// rerun (409 otherwise); a second click before the rerun starts names the same run, so it gives no second run.
/// </summary>
internal sealed class RerunDispatcher : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpContext http = context.GetHttpContext();
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (context.IsReadOnly)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        string runId = Uri.UnescapeDataString(context.UriMatch.Groups["runId"].Value);
        IRunStore runs = http.RequestServices.GetRequiredService<IRunStore>();
        RunRecord? run = await runs.GetRunAsync(runId, http.RequestAborted).ConfigureAwait(false);
        if (run is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        RunRecord? latest = await runs.FindLatestRunAsync(run.Pipeline, run.Partition, run.ConfigHash, http.RequestAborted).ConfigureAwait(false);
        if (run.Status != RunStatus.Succeeded || latest?.RunId != run.RunId)
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            await context.Response.WriteAsync(
                run.Status != RunStatus.Succeeded
                    ? $"Run {run.RunId} is {run.Status}; only a Succeeded run can be rerun."
                    : $"Run {run.RunId} is already superseded by run {latest?.RunId}.").ConfigureAwait(false);
            return;
        }
        string pipeline = run.Pipeline;
        string partition = DistillationJob.Format(run.Partition);
        http.RequestServices.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<DistillationJob>(job => job.RerunAsync(pipeline, partition, runId, CancellationToken.None));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
