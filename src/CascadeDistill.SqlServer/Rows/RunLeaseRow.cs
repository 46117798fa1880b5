namespace CascadeDistill.SqlServer.Rows;

/// <summary>A <c>cascade_distill.run_leases</c> row as Dapper reads it.</summary>
internal sealed class RunLeaseRow
{
    public const string Columns = "run_id AS RunId, owner AS Owner, lease_expires_at AS LeaseExpiresAt";

    public string RunId { get; set; } = string.Empty;

    public string? Owner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public DateTimeOffset? ExpiresAt => SqlServerValues.ReadTime(LeaseExpiresAt);

    /// <summary>True when another owner than <paramref name="owner"/> holds a lease that has not expired at <paramref name="now"/>.</summary>
    public bool IsHeldByOtherAt(string owner, DateTimeOffset now) =>
        Owner is not null && !string.Equals(Owner, owner, StringComparison.Ordinal) && ExpiresAt > now;
}
