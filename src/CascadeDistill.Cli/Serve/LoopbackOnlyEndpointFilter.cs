using System.Net;
using Microsoft.AspNetCore.Http;

namespace CascadeDistill.Cli.Serve;

/// <summary>
/// Lets an API request through only from a loopback address (403 otherwise), like the dashboard's default
/// filter. Behind a reverse proxy on the same host every request looks local: put authentication in front.
/// </summary>
public sealed class LoopbackOnlyEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        IPAddress? remote = context.HttpContext.Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true })
        {
            remote = remote.MapToIPv4();
        }
        return remote is not null && IPAddress.IsLoopback(remote)
            ? await next(context).ConfigureAwait(false)
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }
}
