namespace CascadeDistill.Registry;

/// <summary>The stages of a run, in order; one stage record per stage per run.</summary>
public enum RunStage
{
    ReadLogs,
    BuildDataset,
    TrainStudent,
    EvaluateStudent,
    ExportOnnx,
    PublishModel,
}
