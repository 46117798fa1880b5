using System.Net;
using global::Hangfire.Dashboard;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>
/// Lets a dashboard request through only when it comes from a loopback address. A request without a
/// remote address (unknown transport) is refused. Behind a reverse proxy on the same host every request
/// looks local: such deployments need real authentication (not done yet).
/// </summary>
public sealed class LoopbackOnlyDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        IPAddress? remote = context.GetHttpContext().Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true })
        {
            remote = remote.MapToIPv4();
        }
        return remote is not null && IPAddress.IsLoopback(remote);
    }
}
