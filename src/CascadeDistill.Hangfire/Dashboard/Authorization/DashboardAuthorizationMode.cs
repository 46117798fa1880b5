namespace CascadeDistill.Hangfire.Dashboard.Authorization;

/// <summary>Who may open the dashboard (<c>Serve:Dashboard:Authorization</c>).</summary>
public enum DashboardAuthorizationMode
{
    /// <summary>Requests from a loopback address only (default). Behind a reverse proxy on the same host every request looks local: use <see cref="Basic"/> or <see cref="Policy"/> there.</summary>
    LocalOnly,

    /// <summary>HTTP basic authentication against <c>Serve:Dashboard:Users</c> (name, PBKDF2 password hash, admin flag), from anywhere. Use HTTPS.</summary>
    Basic,

    /// <summary>ASP.NET Core authorization policies: <c>ViewerPolicy</c> to see the dashboard, <c>AdminPolicy</c> to change jobs.</summary>
    Policy,
}
