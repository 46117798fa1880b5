using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CascadeDistill.Cli.Tests.Support;
using CascadeDistill.Hangfire.Dashboard.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Tests.Serve;

/// <summary>Dashboard access through the real host on loopback: local-only, basic authentication with admins and read-only users, antiforgery.</summary>
[Collection(ServeHostCollection.Name)]
public sealed class DashboardAuthorizationTests : IDisposable
{
    private const string TriggerButton = "data-url=\"/hangfire/recurring/trigger\"";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-dashboard-auth-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task LocalOnly_RequestJudgedNotLocal_IsRefusedOnEveryDashboardPage()
    {
        await using RunningServeHost host = await RunningServeHost.StartAsync(
            Work(), RepositoryPaths.Pipelines(), configureServices: services => services.Replace(ServiceDescriptor.Singleton<IDashboardRequestLocality>(new NotLocal())));

        foreach (string path in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/runs", "/hangfire/models" })
        {
            using HttpResponseMessage response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Basic_WithoutCredentials_Gets401WithChallenge_WithAdminCredentials_Gets200()
    {
        await using RunningServeHost host = await StartBasicAsync();

        using HttpResponseMessage anonymous = await host.Client.GetAsync(new Uri("/hangfire", UriKind.Relative));
        using HttpResponseMessage wrong = await SendAsync(host, HttpMethod.Get, "/hangfire", Basic("admin", "not-the-password"));
        using HttpResponseMessage admin = await SendAsync(host, HttpMethod.Get, "/hangfire", Basic("admin", "admin-pw"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task Basic_ReadOnlyUser_SeesPagesWithoutTriggerButtons_AdminSeesThem()
    {
        await using RunningServeHost host = await StartBasicAsync();

        using HttpResponseMessage viewer = await SendAsync(host, HttpMethod.Get, "/hangfire/recurring", Basic("viewer", "viewer-pw"));
        using HttpResponseMessage admin = await SendAsync(host, HttpMethod.Get, "/hangfire/recurring", Basic("admin", "admin-pw"));
        string viewerHtml = await viewer.Content.ReadAsStringAsync();
        string adminHtml = await admin.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
        Assert.Contains("distil:recall-pointwise", viewerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(TriggerButton, viewerHtml, StringComparison.Ordinal);
        Assert.Contains(TriggerButton, adminHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("viewer-pw", viewerHtml + adminHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("pbkdf2", viewerHtml + adminHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_ReadOnlyUserTrigger_IsRefused_AdminTriggerWithoutAntiforgeryToken_IsRefused()
    {
        await using RunningServeHost host = await StartBasicAsync();
        var form = new Dictionary<string, string> { ["jobs[]"] = "distil:recall-pointwise" };

        using HttpResponseMessage viewer = await SendAsync(host, HttpMethod.Post, "/hangfire/recurring/trigger", Basic("viewer", "viewer-pw"), form);
        using HttpResponseMessage admin = await SendAsync(host, HttpMethod.Post, "/hangfire/recurring/trigger", Basic("admin", "admin-pw"), form);

        Assert.False(viewer.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
    }

    [Fact]
    public async Task Start_InvalidDashboardAndOtherSections_ListsEveryErrorTogether()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Serve:WorkerCount"] = "0",
            ["Storage:Provider"] = "oracle",
            ["Serve:Dashboard:Authorization"] = "Basic",
            ["Serve:Dashboard:Users:0:Name"] = "ops",
            ["Serve:Dashboard:Users:0:PasswordHash"] = "plain-text-password",
        };

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningServeHost.StartAsync(Work(), RepositoryPaths.Pipelines(), settings));

        Assert.Contains(error.Failures, f => f.Contains("WorkerCount", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Storage:Provider 'oracle'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Serve:Dashboard:Users:0:PasswordHash", StringComparison.Ordinal));
        Assert.DoesNotContain("plain-text-password", error.Message, StringComparison.Ordinal);
    }

    private DirectoryInfo Work() => new(Path.Combine(_root.FullName, "work"));

    private Task<RunningServeHost> StartBasicAsync() => RunningServeHost.StartAsync(Work(), RepositoryPaths.Pipelines(), new Dictionary<string, string?>
    {
        ["Serve:DashboardReadOnly"] = "false",
        ["Serve:Dashboard:Authorization"] = "Basic",
        ["Serve:Dashboard:Users:0:Name"] = "admin",
        ["Serve:Dashboard:Users:0:PasswordHash"] = DashboardPasswordHash.Create("admin-pw", DashboardPasswordHash.MinIterations),
        ["Serve:Dashboard:Users:0:Admin"] = "true",
        ["Serve:Dashboard:Users:1:Name"] = "viewer",
        ["Serve:Dashboard:Users:1:PasswordHash"] = DashboardPasswordHash.Create("viewer-pw", DashboardPasswordHash.MinIterations),
    });

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    private static Task<HttpResponseMessage> SendAsync(
        RunningServeHost host, HttpMethod method, string path, AuthenticationHeaderValue authorization, Dictionary<string, string>? form = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Headers = { Authorization = authorization } };
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        return host.Client.SendAsync(request);
    }

    private sealed class NotLocal : IDashboardRequestLocality
    {
        public bool IsLocal(HttpContext context) => false;
    }
}
