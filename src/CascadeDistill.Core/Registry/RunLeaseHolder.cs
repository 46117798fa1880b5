namespace CascadeDistill.Registry;

/// <summary>Who holds a run's lease and until when (the lease may already have expired).</summary>
public sealed record RunLeaseHolder(string Owner, DateTimeOffset ExpiresAt)
{
    /// <summary>True when the lease still holds at <paramref name="now"/>.</summary>
    public bool IsLiveAt(DateTimeOffset now) => ExpiresAt > now;
}
