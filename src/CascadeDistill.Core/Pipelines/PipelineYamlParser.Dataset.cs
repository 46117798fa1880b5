using System.Collections.ObjectModel;

namespace CascadeDistill.Pipelines;

/// <summary>The <c>dataset</c> section.</summary>
internal sealed partial class PipelineYamlParser
{
    private static readonly string[] s_datasetKeys = ["recipe", "top_k", "position_weight", "fusion", "soft_label", "catalogue_negatives", "listwise", "pairwise", "inbatch", "ranked_list", "labels", "label"];
    private static readonly string[] s_positionWeightKeys = ["function", "a", "lambda"];
    private static readonly string[] s_softLabelKeys = ["temperature"];
    private static readonly string[] s_listwiseKeys = ["temperature", "min_list_length", "loss", "grades", "sigma"];

    private DatasetDefinition ParseDataset(YamlMappingReader root)
    {
        if (root.Mapping("dataset", s_datasetKeys, required: true) is not YamlMappingReader dataset)
        {
            return new DatasetDefinition(PipelineDefaults.Recipe, 0, PipelineDefaults.PositionWeight, ReadOnlyDictionary<string, double>.Empty, null);
        }
        return new DatasetDefinition(
            dataset.String("recipe", PipelineDefaults.Recipe),
            dataset.Int("top_k"),
            ParsePositionWeight(dataset),
            ParseFusion(dataset),
            ParseSoftLabel(dataset),
            dataset.Int("catalogue_negatives", PipelineDefaults.CatalogueNegatives),
            ParseListwise(dataset),
            ParsePairwise(dataset),
            ParseInBatch(dataset),
            dataset.Word("ranked_list", PipelineVocabulary.RankedLists, RankedList.Fine),
            dataset.String("labels", PipelineDefaults.Labels),
            dataset.Has("label") ? dataset.String("label") : null);
    }

    private PositionWeightDefinition ParsePositionWeight(YamlMappingReader dataset)
    {
        if (dataset.Mapping("position_weight", s_positionWeightKeys, required: false) is not YamlMappingReader weight)
        {
            return PipelineDefaults.PositionWeight;
        }
        int before = _errors.Count;
        PositionWeightFunction function = weight.Word("function", PipelineVocabulary.PositionWeightFunctions);
        if (_errors.Count != before)
        {
            // Which parameter applies depends on the function; read what is there, judge nothing.
            return new PositionWeightDefinition(function, weight.Double("a", 0), weight.Double("lambda", 0));
        }
        switch (function)
        {
            case PositionWeightFunction.Inverse:
                weight.Forbid("lambda", "applies to the exponential function only; inverse uses a");
                return new PositionWeightDefinition(function, weight.Double("a"), 0);
            case PositionWeightFunction.Exponential:
                weight.Forbid("a", "applies to the inverse function only; exponential uses lambda");
                return new PositionWeightDefinition(function, 0, weight.Double("lambda"));
            default:
                weight.Forbid("a", "applies to the inverse function only");
                weight.Forbid("lambda", "applies to the exponential function only");
                return new PositionWeightDefinition(function, 0, 0);
        }
    }

    private static ReadOnlyDictionary<string, double> ParseFusion(YamlMappingReader dataset)
    {
        var fusion = new Dictionary<string, double>(StringComparer.Ordinal);
        if (dataset.Mapping("fusion", allowedKeys: null, required: true) is YamlMappingReader weights)
        {
            foreach (string objective in weights.Keys)
            {
                fusion[objective] = weights.Double(objective);
            }
        }
        return fusion.AsReadOnly();
    }

    private static SoftLabelDefinition? ParseSoftLabel(YamlMappingReader dataset)
    {
        YamlMappingReader? softLabel = dataset.Mapping("soft_label", s_softLabelKeys, required: false);
        return softLabel is null ? null : new SoftLabelDefinition(softLabel.Double("temperature"));
    }

    private ListwiseDefinition? ParseListwise(YamlMappingReader dataset)
    {
        YamlMappingReader? listwise = dataset.Mapping("listwise", s_listwiseKeys, required: false);
        return listwise is null
            ? null
            : new ListwiseDefinition(
                listwise.Double("temperature"),
                listwise.Int("min_list_length", PipelineDefaults.MinListLength),
                listwise.String("loss", PipelineDefaults.ListLoss),
                ParseGrades(listwise),
                listwise.Double("sigma", PipelineDefaults.LambdaSigma));
    }
}
