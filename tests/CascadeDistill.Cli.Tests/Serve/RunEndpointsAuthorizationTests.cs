using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CascadeDistill.Cli.Commands;
using CascadeDistill.Cli.Serve;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Hangfire.Dashboard.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary>The run API under the dashboard's access configuration: refused without access, read-only users may only read, admins may submit.</summary>
[Collection(ServeHostCollection.Name)]
public sealed class RunEndpointsAuthorizationTests : IDisposable
{
    private const string UnknownJob = RunEndpoints.RunsPath + "/12345";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-api-auth-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task LocalOnly_RequestJudgedNotLocal_GetAndPostAreRefusedWith401()
    {
        await using RunningServeHost host = await RunningServeHost.StartAsync(
            Work(), Pipelines(), configureServices: services => services.Replace(ServiceDescriptor.Singleton<IDashboardRequestLocality>(new NotLocal())));

        using HttpResponseMessage get = await host.Client.GetAsync(new Uri(UnknownJob, UriKind.Relative));
        using HttpResponseMessage post = await host.Client.PostAsJsonAsync(RunEndpoints.RunsPath, new RunSubmission(TinyPipelineFolder.Pipeline, null, Force: true));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (get.StatusCode, post.StatusCode));
        Assert.Equal(0, EnqueuedOrDone(host));
    }

    [Fact]
    public async Task Basic_Anonymous401WithChallenge_ViewerReadsButCannotSubmit_AdminSubmits()
    {
        await using RunningServeHost host = await RunningServeHost.StartAsync(Work(), Pipelines(), new Dictionary<string, string?>
        {
            ["Serve:Dashboard:Authorization"] = "Basic",
            ["Serve:Dashboard:Users:0:Name"] = "admin",
            ["Serve:Dashboard:Users:0:PasswordHash"] = DashboardPasswordHash.Create("admin-pw", DashboardPasswordHash.MinIterations),
            ["Serve:Dashboard:Users:0:Admin"] = "true",
            ["Serve:Dashboard:Users:1:Name"] = "viewer",
            ["Serve:Dashboard:Users:1:PasswordHash"] = DashboardPasswordHash.Create("viewer-pw", DashboardPasswordHash.MinIterations),
        });

        using HttpResponseMessage anonymousGet = await SendAsync(host, HttpMethod.Get, UnknownJob, null);
        using HttpResponseMessage anonymousPost = await SendAsync(host, HttpMethod.Post, RunEndpoints.RunsPath, null);
        using HttpResponseMessage viewerGet = await SendAsync(host, HttpMethod.Get, UnknownJob, Basic("viewer", "viewer-pw"));
        using HttpResponseMessage viewerPost = await SendAsync(host, HttpMethod.Post, RunEndpoints.RunsPath, Basic("viewer", "viewer-pw"));
        using HttpResponseMessage wrongPassword = await SendAsync(host, HttpMethod.Post, RunEndpoints.RunsPath, Basic("admin", "nope"));
        int viewerCli = await RemoteRun.ExecuteAsync(WithUser(host.Address, "viewer:viewer-pw"), TinyPipelineFolder.Pipeline, null, wait: false, TextWriter.Null, CancellationToken.None)
            .ContinueWith(t => t.IsFaulted ? -1 : t.Result, TaskScheduler.Default);
        using var adminOutput = new StringWriter();
        int adminCli = await RemoteRun.ExecuteAsync(WithUser(host.Address, "admin:admin-pw"), TinyPipelineFolder.Pipeline, null, wait: false, adminOutput, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousGet.StatusCode);
        Assert.Equal("Basic", Assert.Single(anonymousGet.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousPost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viewerGet.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerPost.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal((-1, 0), (viewerCli, adminCli));
        Assert.DoesNotContain("admin-pw", adminOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, EnqueuedOrDone(host));
    }

    private DirectoryInfo Work() => new(Path.Combine(_root.FullName, "work"));

    private DirectoryInfo Pipelines() => TinyPipelineFolder.Create(Path.Combine(_root.FullName, "pipelines"));

    private static long EnqueuedOrDone(RunningServeHost host)
    {
        global::Hangfire.Storage.Monitoring.StatisticsDto jobs = host.App.Services.GetRequiredService<global::Hangfire.JobStorage>().GetMonitoringApi().GetStatistics();
        return jobs.Enqueued + jobs.Scheduled + jobs.Processing + jobs.Succeeded + jobs.Failed;
    }

    private static Uri WithUser(Uri address, string userInfo) => new UriBuilder(address) { UserName = userInfo.Split(':')[0], Password = userInfo.Split(':')[1] }.Uri;

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    private static Task<HttpResponseMessage> SendAsync(RunningServeHost host, HttpMethod method, string path, AuthenticationHeaderValue? authorization)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = authorization;
        if (method == HttpMethod.Post)
        {
            request.Content = JsonContent.Create(new RunSubmission(TinyPipelineFolder.Pipeline, "2025-01-14"));
        }
        return host.Client.SendAsync(request);
    }

    private sealed class NotLocal : IDashboardRequestLocality
    {
        public bool IsLocal(HttpContext context) => false;
    }
}
