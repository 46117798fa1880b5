using System.Net;
using Microsoft.AspNetCore.Http;

namespace CascadeDistill.Hangfire.Dashboard.Authorization;

/// <summary>
/// A request is local when its remote address is a loopback address (IPv4-mapped IPv6 included). A request
/// without a remote address (unknown transport) is not local. Forwarded headers are not trusted.
/// </summary>
public sealed class LoopbackRequestLocality : IDashboardRequestLocality
{
    public static readonly LoopbackRequestLocality Instance = new();

    public bool IsLocal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        IPAddress? remote = context.Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true })
        {
            remote = remote.MapToIPv4();
        }
        return remote is not null && IPAddress.IsLoopback(remote);
    }
}
