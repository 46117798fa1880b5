namespace CascadeDistill.Registry;

/// <summary>A stage's state: <see cref="Running"/> → <see cref="Succeeded"/> | <see cref="Failed"/>; a failed or interrupted stage may begin again, a succeeded one may not.</summary>
public enum StageStatus
{
    Running,
    Succeeded,
    Failed,
}
