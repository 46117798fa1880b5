using YamlDotNet.RepresentationModel;

namespace CascadeDistill.Pipelines;

/// <summary>
/// Turns the YAML representation of a pipeline file into a <see cref="PipelineDefinition"/>, reporting
/// structural problems (unknown or missing keys, wrong types, unknown words) to a
/// <see cref="PipelineErrorList"/> and using placeholders so that every problem is found in one pass.
/// Ranges and cross-field rules are the <see cref="PipelineDefinitionValidator"/>'s.
/// </summary>
internal sealed partial class PipelineYamlParser
{
    private static readonly string[] s_rootKeys =
        ["name", "description", "stage", "logs", "features", "dataset", "student", "training", "evaluation", "publish", "quality"];

    private readonly PipelineErrorList _errors;

    public PipelineYamlParser(PipelineErrorList errors)
    {
        _errors = errors;
    }

    public PipelineDefinition Parse(YamlMappingNode root)
    {
        var reader = YamlMappingReader.Open(_errors, "", root, s_rootKeys);
        string name = reader.String("name");
        return new PipelineDefinition(
            name,
            reader.String("description", PipelineDefaults.Description),
            reader.Word("stage", PipelineVocabulary.Stages),
            ParseLogs(reader),
            ParseFeatures(reader),
            ParseDataset(reader),
            ParseStudent(reader),
            ParseTraining(reader),
            ParseEvaluation(reader),
            ParsePublish(reader, name))
        {
            Quality = ParseQuality(reader),
        };
    }
}
