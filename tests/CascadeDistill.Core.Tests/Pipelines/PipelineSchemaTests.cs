using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace CascadeDistill.Core.Tests.Pipelines;

/// <summary>pipelines/pipeline.schema.json names the same keys the loader reads.</summary>
public sealed class PipelineSchemaTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("logs", "logs")]
    [InlineData("features", "$defs.feature")]
    [InlineData("dataset", "dataset")]
    [InlineData("dataset.position_weight", "$defs.positionWeight")]
    [InlineData("dataset.soft_label", "dataset.soft_label")]
    [InlineData("dataset.listwise", "dataset.listwise")]
    [InlineData("dataset.pairwise", "dataset.pairwise")]
    [InlineData("dataset.listwise.grades", "$defs.grades")]
    [InlineData("training.ground_truth", "training.ground_truth")]
    [InlineData("training.distillation_loss", "training.distillation_loss")]
    [InlineData("dataset.inbatch", "dataset.inbatch")]
    [InlineData("student", "student")]
    [InlineData("training", "training")]
    [InlineData("evaluation", "evaluation")]
    [InlineData("publish", "publish")]
    [InlineData("quality", "quality")]
    [InlineData("quality.drift", "quality.drift")]
    [InlineData("quality.drift.request_volume", "$defs.driftGate")]
    public void SchemaProperties_Section_MatchKeysOfFullDefinition(string yamlPath, string schemaPath)
    {
        // Full gives every key; lambda only exists for the exponential function, listwise for the listwise recipe.
        string exponential = PipelineYaml.Full.Edit("function: inverse\n    a: 5", "function: exponential\n    lambda: 10");
        string listwise = PipelineYaml.Full.Edit("  catalogue_negatives: 8", "  listwise:\n    temperature: 1.0\n    min_list_length: 3");
        string withQuality = PipelineYaml.Full + PipelineYaml.Quality;
        string lambda = PipelineYaml.Full.Edit("  catalogue_negatives: 8", "  listwise:\n    temperature: 1.0\n    min_list_length: 3\n    loss: lambda_ndcg\n    sigma: 1\n"
            + "    grades:\n      from: logit_mapping\n      grade_count: 3\n      thresholds: [1]\n      intervals: [{ lower: 0, upper: 1, grade: 1 }]\n      default_grade: 0\n"
            + "      buckets: [{ first_rank: 1, last_rank: 2, grade: 1 }]\n      other_grade: 0\n      cut_grade: 0");
        string pairwise = PipelineYaml.Full.Edit("  catalogue_negatives: 8", "  pairwise:\n    strategy: hard_boundary\n    top_m: 5\n    top_k: 5\n    sampled_per_item: 2\n"
            + "    boundary_width: 2\n    max_pairs_per_list: 10\n    weighting: delta_ndcg\n    grades:\n      from: logit_quantiles\n    min_list_length: 2")
            .Edit("  device: cpu", "  device: cpu\n  ground_truth:\n    label: click\n    weight: 0.1\n  loss_weighting: uncertainty");
        string inBatch = PipelineYaml.Full.Edit("  catalogue_negatives: 8",
            "  catalogue_negatives: 8\n  inbatch:\n    teacher_temperature: 1.0\n    distillation_weight: 0.5\n    logq_correction: true\n    frequency_buckets: 1024\n    frequency_alpha: 0.05\n  ranked_list: rerank");
        string groundTruth = PipelineYaml.Full.Edit("  catalogue_negatives: 8", "  catalogue_negatives: 8\n  labels: ground_truth\n  label: click");
        string distillationLoss = PipelineYaml.Full.Edit("  device: cpu", "  device: cpu\n  distillation_loss:\n    name: soft_target\n    temperature: 2\n    temperature_squared: true");
        string[] yamlKeys = KeysAt(PipelineYaml.Full, yamlPath).Union(KeysAt(exponential, yamlPath)).Union(KeysAt(listwise, yamlPath)).Union(KeysAt(withQuality, yamlPath))
            .Union(KeysAt(lambda, yamlPath)).Union(KeysAt(pairwise, yamlPath)).Union(KeysAt(inBatch, yamlPath)).Union(KeysAt(groundTruth, yamlPath)).Union(KeysAt(distillationLoss, yamlPath))
            .Order(StringComparer.Ordinal).ToArray();

        string[] schemaKeys = SchemaPropertiesAt(schemaPath).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(yamlKeys, schemaKeys);
    }

    [Fact]
    public void Schema_File_DeclaresDraft202012()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Pipelines, "pipeline.schema.json")));

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
    }

    private static IEnumerable<string> KeysAt(string yaml, string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        YamlNode node = stream.Documents[0].RootNode;
        foreach (string segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(segment), out YamlNode? child))
            {
                return [];
            }
            node = child;
        }
        IEnumerable<YamlMappingNode> mappings = node is YamlSequenceNode sequence
            ? sequence.Children.Cast<YamlMappingNode>()
            : [(YamlMappingNode)node];
        return mappings.SelectMany(m => m.Children.Keys).Select(k => ((YamlScalarNode)k).Value!).Distinct();
    }

    private static IEnumerable<string> SchemaPropertiesAt(string path)
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Pipelines, "pipeline.schema.json")));
        JsonElement element = schema.RootElement;
        bool inDefinitions = false;
        foreach (string segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            element = segment == "$defs" || inDefinitions ? element.GetProperty(segment) : element.GetProperty("properties").GetProperty(segment);
            inDefinitions = segment == "$defs";
        }
        return element.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();
    }
}
