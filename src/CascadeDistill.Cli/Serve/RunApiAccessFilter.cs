using CascadeDistill.Hangfire.Dashboard.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Serve;

/// <summary>
/// The run API's access check: the dashboard's configuration (<c>Serve:Dashboard</c>, <see cref="DashboardAccessFilter"/>:
/// local-only by default, basic authentication or policies). Reading (GET) needs any access; submitting a run or a
/// forced rerun (POST) needs admin. Refused: 401 without access (with a basic challenge in basic mode), 403 for a
/// read-only user's POST. <c>Serve:DashboardReadOnly</c> concerns the dashboard's buttons only, not this API.
/// </summary>
public sealed class RunApiAccessFilter(DashboardAccessFilter access, IOptions<DashboardAuthorizationOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        HttpContext http = context.HttpContext;
        DashboardAccess decided = await access.DecideAsync(http).ConfigureAwait(false);
        if (decided == DashboardAccess.None)
        {
            if (options.Value.Authorization == DashboardAuthorizationMode.Basic)
            {
                http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{options.Value.Realm}\", charset=\"UTF-8\"";
            }
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && decided != DashboardAccess.Admin)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        return await next(context).ConfigureAwait(false);
    }
}
