namespace CascadeDistill.Pipelines;

/// <summary>The optional <c>evaluation</c> and <c>publish</c> sections.</summary>
internal sealed partial class PipelineYamlParser
{
    private static readonly string[] s_evaluationKeys = ["top_k", "candidate_top_n", "catalogue_top_n", "max_requests", "seed"];
    private static readonly string[] s_publishKeys = ["model_name", "parity_tolerance"];

    private static EvaluationDefinition ParseEvaluation(YamlMappingReader root)
    {
        if (root.Mapping("evaluation", s_evaluationKeys, required: false) is not YamlMappingReader evaluation)
        {
            return PipelineDefaults.Evaluation;
        }
        return new EvaluationDefinition(
            evaluation.Int("top_k", PipelineDefaults.EvaluationTopK),
            evaluation.Int("candidate_top_n", PipelineDefaults.CandidateTopN),
            evaluation.Int("catalogue_top_n", PipelineDefaults.CatalogueTopN),
            evaluation.Int("max_requests", PipelineDefaults.MaxRequests),
            evaluation.Int("seed", PipelineDefaults.EvaluationSeed));
    }

    /// <summary>The model name defaults to the pipeline's name.</summary>
    private static PublishDefinition ParsePublish(YamlMappingReader root, string pipelineName)
    {
        if (root.Mapping("publish", s_publishKeys, required: false) is not YamlMappingReader publish)
        {
            return new PublishDefinition(pipelineName, PipelineDefaults.ParityTolerance);
        }
        return new PublishDefinition(
            publish.String("model_name", pipelineName),
            publish.Double("parity_tolerance", PipelineDefaults.ParityTolerance));
    }
}
