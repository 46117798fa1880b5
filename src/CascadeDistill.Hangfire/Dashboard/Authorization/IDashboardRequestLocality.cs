using Microsoft.AspNetCore.Http;

namespace CascadeDistill.Hangfire.Dashboard.Authorization;

/// <summary>Decides whether a request is local (for <see cref="DashboardAuthorizationMode.LocalOnly"/>); replaceable in the host's services.</summary>
public interface IDashboardRequestLocality
{
    bool IsLocal(HttpContext context);
}
