using System.Net;
using System.Security.Claims;
using System.Text;
using CascadeDistill.Hangfire.Dashboard.Authorization;
using global::Hangfire;
using global::Hangfire.Dashboard;
using global::Hangfire.InMemory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Hangfire.Tests.Dashboard.Authorization;

public sealed class DashboardAccessFilterTests
{
    private const int FastIterations = DashboardPasswordHash.MinIterations;

    [Fact]
    public async Task LocalOnly_RequestJudgedNotLocal_IsRefused()
    {
        var filter = new DashboardAccessFilter(new DashboardAuthorizationOptions());
        HttpContext http = Request("127.0.0.1", services => services.AddSingleton<IDashboardRequestLocality>(new FixedLocality(false)));

        Assert.False(await AuthorizeAsync(filter, http));
        Assert.Equal(DashboardAccess.None, DashboardAccessFilter.AccessOf(http));
    }

    [Theory]
    [InlineData("127.0.0.1", DashboardAccess.Admin)]
    [InlineData("::1", DashboardAccess.Admin)]
    [InlineData("10.0.0.7", DashboardAccess.None)]
    public async Task LocalOnly_DefaultLocality_LetsInLoopbackOnly(string remote, DashboardAccess expected)
    {
        var filter = new DashboardAccessFilter(new DashboardAuthorizationOptions());

        Assert.Equal(expected, await filter.DecideAsync(Request(remote)));
    }

    [Fact]
    public async Task Basic_NoCredentials_IsRefusedWithAChallengeEvenFromLoopback()
    {
        var filter = new DashboardAccessFilter(BasicOptions());
        HttpContext http = Request("127.0.0.1");

        Assert.False(await AuthorizeAsync(filter, http));
        Assert.Equal("Basic realm=\"CascadeDistill\", charset=\"UTF-8\"", http.Response.Headers.WWWAuthenticate.ToString());
    }

    [Theory]
    [InlineData("admin", "admin-pw", DashboardAccess.Admin)]
    [InlineData("viewer", "viewer-pw", DashboardAccess.ReadOnly)]
    [InlineData("viewer", "admin-pw", DashboardAccess.None)]
    [InlineData("nobody", "admin-pw", DashboardAccess.None)]
    [InlineData("ADMIN", "admin-pw", DashboardAccess.None)]
    public async Task Basic_Credentials_DecideTheAccess(string user, string password, DashboardAccess expected)
    {
        var filter = new DashboardAccessFilter(BasicOptions());

        Assert.Equal(expected, await filter.DecideAsync(Request("203.0.113.9", authorization: Basic(user, password))));
        Assert.Equal(expected, await filter.DecideAsync(Request("203.0.113.9", authorization: Basic(user, password))));
    }

    [Fact]
    public async Task IsReadOnly_FollowsTheRequestsAccessAndTheGlobalSwitch()
    {
        var filter = new DashboardAccessFilter(BasicOptions());
        using var storage = new InMemoryStorage();
        HttpContext admin = Request("203.0.113.9", authorization: Basic("admin", "admin-pw"));
        HttpContext viewer = Request("203.0.113.9", authorization: Basic("viewer", "viewer-pw"));
        var adminContext = new AspNetCoreDashboardContext(storage, new DashboardOptions(), admin);
        var viewerContext = new AspNetCoreDashboardContext(storage, new DashboardOptions(), viewer);

        Assert.True(DashboardAccessFilter.IsReadOnly(adminContext, readOnlyForEveryone: false));
        await filter.AuthorizeAsync(adminContext);
        await filter.AuthorizeAsync(viewerContext);

        Assert.False(DashboardAccessFilter.IsReadOnly(adminContext, readOnlyForEveryone: false));
        Assert.True(DashboardAccessFilter.IsReadOnly(adminContext, readOnlyForEveryone: true));
        Assert.True(DashboardAccessFilter.IsReadOnly(viewerContext, readOnlyForEveryone: false));
    }

    [Fact]
    public async Task Policy_UsersAreJudgedByTheViewerAndAdminPolicies()
    {
        var filter = new DashboardAccessFilter(new DashboardAuthorizationOptions
        {
            Authorization = DashboardAuthorizationMode.Policy,
            ViewerPolicy = "dashboard-view",
            AdminPolicy = "dashboard-admin",
        });

        Assert.Equal(DashboardAccess.None, await filter.DecideAsync(PolicyRequest(user: null)));
        Assert.Equal(DashboardAccess.ReadOnly, await filter.DecideAsync(PolicyRequest(User("ana"))));
        Assert.Equal(DashboardAccess.Admin, await filter.DecideAsync(PolicyRequest(User("ops-lead", "ops"))));
    }

    private static DashboardAuthorizationOptions BasicOptions()
    {
        var options = new DashboardAuthorizationOptions { Authorization = DashboardAuthorizationMode.Basic };
        options.Users.Add(new DashboardUserOptions { Name = "admin", PasswordHash = DashboardPasswordHash.Create("admin-pw", FastIterations), Admin = true });
        options.Users.Add(new DashboardUserOptions { Name = "viewer", PasswordHash = DashboardPasswordHash.Create("viewer-pw", FastIterations) });
        return options;
    }

    private static HttpContext Request(string remote, Action<IServiceCollection>? services = null, string? authorization = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        var http = new DefaultHttpContext { RequestServices = collection.BuildServiceProvider() };
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (authorization is not null)
        {
            http.Request.Headers.Authorization = authorization;
        }
        return http;
    }

    private static HttpContext PolicyRequest(ClaimsPrincipal? user)
    {
        HttpContext http = Request("203.0.113.9", services => services
            .AddLogging()
            .AddAuthorization(options =>
            {
                options.AddPolicy("dashboard-view", policy => policy.RequireAuthenticatedUser());
                options.AddPolicy("dashboard-admin", policy => policy.RequireRole("ops"));
            }));
        if (user is not null)
        {
            http.User = user;
        }
        return http;
    }

    private static ClaimsPrincipal User(string name, params string[] roles) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    private static Task<bool> AuthorizeAsync(DashboardAccessFilter filter, HttpContext http)
    {
        using var storage = new InMemoryStorage();
        return filter.AuthorizeAsync(new AspNetCoreDashboardContext(storage, new DashboardOptions(), http));
    }

    private sealed class FixedLocality(bool local) : IDashboardRequestLocality
    {
        public bool IsLocal(HttpContext context) => local;
    }
}
