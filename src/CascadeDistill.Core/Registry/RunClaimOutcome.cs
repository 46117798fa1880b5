namespace CascadeDistill.Registry;

/// <summary>What <see cref="IRunStore.ClaimRunAsync"/> did.</summary>
public enum RunClaimOutcome
{
    /// <summary>A new Running run was inserted; the caller holds its lease.</summary>
    Created,

    /// <summary>A Failed run, or a Running run without a live lease (its owner died), is Running again under the caller's lease, attempt incremented.</summary>
    Resumed,

    /// <summary>The run already succeeded; nothing to do and no lease taken.</summary>
    AlreadySucceeded,

    /// <summary>Another owner holds a live lease on the Running run; the caller must exit without touching it.</summary>
    AlreadyRunning,
}
