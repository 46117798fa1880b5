namespace CascadeDistill.Pipelines;

/// <summary>The cascade stage a student serves.</summary>
public enum StudentStage
{
    Recall,
    Prerank,
}
