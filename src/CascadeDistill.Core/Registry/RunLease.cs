namespace CascadeDistill.Registry;

/// <summary>
/// Who executes a run and for how long the claim holds without a renewal. A Running run whose lease
/// expired (its owner died or hung) can be taken over by another owner; a live lease cannot.
/// </summary>
/// <param name="Owner">A process-unique identifier, e.g. "host:pid:guid" (1-200 characters).</param>
/// <param name="Duration">How long a claim or renewal holds; renew well within it.</param>
public sealed record RunLease(string Owner, TimeSpan Duration)
{
    public const int MaxOwnerLength = 200;

    /// <summary>Default lease: long enough for a stage of a daily run between renewals.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(30);

    /// <summary>A lease owned by this process: machine name, process id and a fresh GUID.</summary>
    public static RunLease ForThisProcess(TimeSpan duration) =>
        new($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", duration);

    /// <summary>Throws when the owner is empty or too long, or the duration is not positive.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Owner);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Owner.Length, MaxOwnerLength, nameof(Owner));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Duration, TimeSpan.Zero, nameof(Duration));
    }
}
