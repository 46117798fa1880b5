using global::Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>
/// Serves a read-only dashboard page whose data is loaded asynchronously first (Hangfire's pages render
/// synchronously): GET and HEAD only (405 otherwise), 404 when the loader finds nothing, otherwise the page
/// rendered inside the dashboard's layout.
/// </summary>
internal sealed class PreloadedPageDispatcher<TModel>(
    Func<IServiceProvider, DashboardContext, CancellationToken, Task<TModel?>> load,
    Func<TModel, RazorPage> page) : IDashboardDispatcher
    where TModel : class
{
    public async Task Dispatch(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpContext http = context.GetHttpContext();
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        TModel? model = await load(http.RequestServices, context, http.RequestAborted).ConfigureAwait(false);
        if (model is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        // Hangfire's own RazorPage dispatcher (internal) gives the page its context and layout.
        var routes = new RouteCollection();
        routes.AddRazorPage("/", _ => page(model));
        await routes.FindDispatcher("/").Item1.Dispatch(context).ConfigureAwait(false);
    }
}
