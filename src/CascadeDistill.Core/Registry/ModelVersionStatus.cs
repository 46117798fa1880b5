namespace CascadeDistill.Registry;

/// <summary>A model version's state: <see cref="Pending"/> → <see cref="Ready"/> | <see cref="Failed"/>. Ready and Failed are final.</summary>
public enum ModelVersionStatus
{
    Pending,
    Ready,
    Failed,
}
