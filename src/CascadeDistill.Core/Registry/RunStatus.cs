namespace CascadeDistill.Registry;

/// <summary>A run's state: <see cref="Running"/> → <see cref="Succeeded"/> | <see cref="Failed"/>; a failed run may be resumed.</summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
}
