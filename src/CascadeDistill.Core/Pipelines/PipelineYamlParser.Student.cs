namespace CascadeDistill.Pipelines;

/// <summary>The <c>student</c> and <c>training</c> sections.</summary>
internal sealed partial class PipelineYamlParser
{
    private static readonly string[] s_studentKeys = ["architecture", "hidden_layers", "embedding_dim", "temperature", "heads"];
    private static readonly string[] s_trainingKeys =
        ["epochs", "batch_size", "learning_rate", "weight_decay", "soft_label_weight", "seed", "threads", "device", "ground_truth", "loss_weighting", "distillation_loss"];

    private static StudentDefinition ParseStudent(YamlMappingReader root)
    {
        if (root.Mapping("student", s_studentKeys, required: true) is not YamlMappingReader student)
        {
            return new StudentDefinition(PipelineDefaults.Architecture, [], 0, PipelineDefaults.StudentTemperature);
        }
        return new StudentDefinition(
            student.String("architecture", PipelineDefaults.Architecture),
            student.IntList("hidden_layers"),
            student.Int("embedding_dim"),
            student.Double("temperature", PipelineDefaults.StudentTemperature),
            student.String("heads", StudentHeads.Single));
    }

    private static TrainingDefinition ParseTraining(YamlMappingReader root)
    {
        if (root.Mapping("training", s_trainingKeys, required: true) is not YamlMappingReader training)
        {
            return new TrainingDefinition(0, 0, 0, PipelineDefaults.WeightDecay, PipelineDefaults.SoftLabelWeight,
                PipelineDefaults.TrainingSeed, PipelineDefaults.Threads, PipelineDefaults.Device);
        }
        return new TrainingDefinition(
            training.Int("epochs"),
            training.Int("batch_size"),
            training.Double("learning_rate"),
            training.Double("weight_decay", PipelineDefaults.WeightDecay),
            training.Double("soft_label_weight", PipelineDefaults.SoftLabelWeight),
            training.Int("seed", PipelineDefaults.TrainingSeed),
            training.Int("threads", PipelineDefaults.Threads),
            training.String("device", PipelineDefaults.Device),
            ParseGroundTruth(training),
            training.String("loss_weighting", PipelineDefaults.LossWeighting),
            ParseDistillationLoss(training));
    }
}
