namespace CascadeDistill.Hangfire.Dashboard.Authorization;

/// <summary>A basic-authentication user of the dashboard (<c>Serve:Dashboard:Users:N</c>).</summary>
public sealed class DashboardUserOptions
{
    /// <summary>The user name (no ':').</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64 salt and hash), as printed by
    /// <c>cascade-distill dashboard-password</c>. Never the password itself.
    /// </summary>
    public string PasswordHash { get; set; } = string.Empty;

    /// <summary>True: may trigger, requeue and delete jobs. False (default): read-only.</summary>
    public bool Admin { get; set; }
}
