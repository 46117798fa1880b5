using System.Net;
using CascadeDistill.Hangfire.Dashboard.Authorization;
using Microsoft.AspNetCore.Http;

namespace CascadeDistill.Hangfire.Tests.Dashboard.Authorization;

public sealed class LoopbackRequestLocalityTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.7", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("2001:db8::1", false)]
    public void IsLocal_RemoteAddress_OnlyLoopback(string remote, bool local)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        http.Connection.LocalIpAddress = IPAddress.Parse(remote);

        Assert.Equal(local, LoopbackRequestLocality.Instance.IsLocal(http));
    }

    [Fact]
    public void IsLocal_NoRemoteAddress_IsNotLocal() => Assert.False(LoopbackRequestLocality.Instance.IsLocal(new DefaultHttpContext()));

    [Fact]
    public void IsLocal_ForwardedForLoopback_IsNotTrusted()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        http.Request.Headers["X-Forwarded-For"] = "127.0.0.1";

        Assert.False(LoopbackRequestLocality.Instance.IsLocal(http));
    }
}
