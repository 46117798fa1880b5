using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CascadeDistill.Cli.Serve;

namespace CascadeDistill.Cli.Commands;

/// <summary>
/// <c>run --server URL</c>: hands the run to a running <c>serve</c> (<c>POST /api/runs</c>), prints the job id and,
/// with <c>--wait</c>, polls <c>GET /api/runs/{jobId}</c> until the run has finished. Credentials in the URL
/// (<c>http://USER:PASSWORD@host:port</c>) are sent as basic authentication.
/// </summary>
public static class RemoteRun
{
    /// <summary>How often <c>--wait</c> asks the server.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <returns>The exit code: 0 submitted (or, with <paramref name="wait"/>, run succeeded), 1 run failed.</returns>
    /// <param name="force">Ask for a forced rerun (<see cref="RunSubmission.Force"/>).</param>
    public static async Task<int> ExecuteAsync(Uri server, string pipeline, DateOnly? partition, bool wait, TextWriter output, CancellationToken cancellationToken, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(output);
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        // Never print the credentials of the URL.
        string shown = server.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        if (!string.IsNullOrEmpty(server.UserInfo))
        {
            // http://USER:PASSWORD@host:port — for a server whose dashboard (and so its run API) uses basic authentication.
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(server.UserInfo))));
        }
        var submission = new RunSubmission(pipeline, partition?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), force);
        using HttpResponseMessage response = await http.PostAsJsonAsync(RunEndpoints.RunsPath, submission, s_json, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? new UsageException($"{shown} refused the run ({(int)response.StatusCode}): {body}")
                : new IOException($"{shown} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body}");
        }
        RunSubmissionAccepted accepted = (await response.Content.ReadFromJsonAsync<RunSubmissionAccepted>(s_json, cancellationToken).ConfigureAwait(false))!;
        await output.WriteLineAsync($"Submitted {accepted.Pipeline} for {accepted.Partition ?? "the newest day"} to {shown}: job {accepted.JobId}"
            + (accepted.Supersedes is { } superseded ? $" (forced rerun superseding run {superseded})" : "")).ConfigureAwait(false);
        if (!wait)
        {
            return 0;
        }

        string? last = null;
        while (true)
        {
            RunJobStatus status = (await http.GetFromJsonAsync<RunJobStatus>(accepted.StatusPath, s_json, cancellationToken).ConfigureAwait(false))!;
            string line = $"job {status.JobId} {status.JobState}; run {status.RunId ?? "-"} {status.RunStatus ?? "not started"}"
                + (status.Stage is null ? "" : $" ({status.Stage})")
                + (status.Version is null ? "" : $"; {status.ModelName} v{status.Version} {status.VersionStatus}");
            if (line != last)
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
                last = line;
            }
            if (status.Finished)
            {
                if (status.RunStatus == "Succeeded")
                {
                    await output.WriteLineAsync($"Run {status.RunId} succeeded: {status.ModelName} v{status.Version} ({status.VersionStatus}).").ConfigureAwait(false);
                    return 0;
                }
                await output.WriteLineAsync($"Run {status.RunId ?? "-"} did not succeed: {status.FailureReason ?? status.JobReason ?? status.JobState}").ConfigureAwait(false);
                return 1;
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
