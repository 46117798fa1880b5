namespace CascadeDistill.Hangfire.Dashboard.Authorization;

/// <summary>
/// Dashboard access (section <c>Serve:Dashboard</c>): local-only by default; basic authentication with users
/// from configuration; or ASP.NET Core authorization policies. Admins may change jobs, everyone else who gets in
/// sees the pages read-only.
/// </summary>
public sealed class DashboardAuthorizationOptions
{
    public const string Section = "Serve:Dashboard";

    /// <summary>Default <see cref="DashboardAuthorizationMode.LocalOnly"/>.</summary>
    public DashboardAuthorizationMode Authorization { get; set; } = DashboardAuthorizationMode.LocalOnly;

    /// <summary>Users of <see cref="DashboardAuthorizationMode.Basic"/>.</summary>
    public IList<DashboardUserOptions> Users { get; } = [];

    /// <summary>Realm announced in the basic-authentication challenge.</summary>
    public string Realm { get; set; } = "CascadeDistill";

    /// <summary><see cref="DashboardAuthorizationMode.Policy"/>: the policy a user must satisfy to see the dashboard.</summary>
    public string? ViewerPolicy { get; set; }

    /// <summary><see cref="DashboardAuthorizationMode.Policy"/>: the policy a user must also satisfy to change jobs; none means nobody is admin.</summary>
    public string? AdminPolicy { get; set; }
}
