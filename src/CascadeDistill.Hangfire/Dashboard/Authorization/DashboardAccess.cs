namespace CascadeDistill.Hangfire.Dashboard.Authorization;

/// <summary>What a dashboard request may do.</summary>
public enum DashboardAccess
{
    /// <summary>Refused (401 without credentials, 403 for an authenticated user without rights).</summary>
    None,

    /// <summary>Sees every page; no trigger, requeue or delete buttons, and such commands are refused.</summary>
    ReadOnly,

    /// <summary>Sees every page and may trigger, requeue and delete jobs (unless <c>Serve:DashboardReadOnly</c> makes the dashboard read-only for everyone).</summary>
    Admin,
}
