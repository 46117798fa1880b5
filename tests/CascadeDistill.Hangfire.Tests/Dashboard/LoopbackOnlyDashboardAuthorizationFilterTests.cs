using System.Net;
using CascadeDistill.Hangfire.Dashboard;
using global::Hangfire;
using global::Hangfire.Dashboard;
using global::Hangfire.InMemory;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Hangfire.Tests.Dashboard;

public sealed class LoopbackOnlyDashboardAuthorizationFilterTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.7", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("2001:db8::1", false)]
    public void Authorize_RemoteAddress_AllowsOnlyLoopback(string remote, bool allowed)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        http.Connection.LocalIpAddress = IPAddress.Parse(remote);

        Assert.Equal(allowed, Authorize(http));
    }

    [Fact]
    public void Authorize_NoRemoteAddress_Refuses() => Assert.False(Authorize(new DefaultHttpContext()));

    private static bool Authorize(HttpContext http)
    {
        using var storage = new InMemoryStorage();
        using ServiceProvider services = new ServiceCollection().BuildServiceProvider();
        http.RequestServices = services;
        var context = new AspNetCoreDashboardContext(storage, new DashboardOptions(), http);
        return new LoopbackOnlyDashboardAuthorizationFilter().Authorize(context);
    }
}
