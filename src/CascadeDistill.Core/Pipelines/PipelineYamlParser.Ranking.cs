using CascadeDistill.Datasets.Listwise;
using CascadeDistill.Datasets.Pairwise;
using YamlDotNet.RepresentationModel;

namespace CascadeDistill.Pipelines;

/// <summary>The list and pair recipes' sections: <c>dataset.pairwise</c>, <c>grades</c> and <c>training.ground_truth</c>.</summary>
internal sealed partial class PipelineYamlParser
{
    private static readonly string[] s_pairwiseKeys =
        ["strategy", "top_m", "top_k", "sampled_per_item", "boundary_width", "max_pairs_per_list", "weighting", "grades", "min_list_length"];
    private static readonly string[] s_gradesKeys =
        ["from", "grade_count", "thresholds", "intervals", "default_grade", "buckets", "other_grade", "cut_grade"];
    private static readonly (string Key, string Owner)[] s_gradeKeyOwners =
    [
        ("grade_count", RelevanceGradesDefinition.LogitQuantiles),
        ("thresholds", RelevanceGradesDefinition.LogitThresholds),
        ("intervals", RelevanceGradesDefinition.LogitMapping),
        ("default_grade", RelevanceGradesDefinition.LogitMapping),
        ("buckets", RelevanceGradesDefinition.RankBuckets),
        ("other_grade", RelevanceGradesDefinition.RankBuckets),
        ("cut_grade", RelevanceGradesDefinition.RankBuckets),
    ];
    private static readonly string[] s_intervalKeys = ["lower", "upper", "grade"];
    private static readonly string[] s_bucketKeys = ["first_rank", "last_rank", "grade"];
    private static readonly string[] s_groundTruthKeys = ["label", "weight"];
    /// <summary><c>max_pairs_per_list: 0</c> keeps every pair of a request.</summary>
    private const int NoPairCap = 0;

    private static readonly PairSamplingDefinition s_pairDefaults = new() { Strategy = PairSamplingStrategy.AllWithinTopM };

    private PairwiseDefinition? ParsePairwise(YamlMappingReader dataset)
    {
        if (dataset.Mapping("pairwise", s_pairwiseKeys, required: false) is not YamlMappingReader pairwise)
        {
            return null;
        }
        var sampling = new PairSamplingDefinition
        {
            Strategy = pairwise.Word("strategy", PipelineVocabulary.PairStrategies),
            TopM = pairwise.Int("top_m", s_pairDefaults.TopM),
            TopK = pairwise.Int("top_k", s_pairDefaults.TopK),
            SampledPerItem = pairwise.Int("sampled_per_item", s_pairDefaults.SampledPerItem),
            BoundaryWidth = pairwise.Int("boundary_width", s_pairDefaults.BoundaryWidth),
            MaxPairsPerList = pairwise.Int("max_pairs_per_list", s_pairDefaults.MaxPairsPerList!.Value) is int cap && cap != NoPairCap ? cap : null,
            Weighting = pairwise.Word("weighting", PipelineVocabulary.PairWeightings, PairWeighting.None),
        };
        return new PairwiseDefinition(sampling, ParseGrades(pairwise), pairwise.Int("min_list_length", PipelineDefaults.MinListLength));
    }

    private RelevanceGradesDefinition? ParseGrades(YamlMappingReader section)
    {
        if (section.Mapping("grades", s_gradesKeys, required: false) is not YamlMappingReader grades)
        {
            return null;
        }
        string from = grades.String("from");
        foreach ((string key, string owner) in s_gradeKeyOwners)
        {
            if (owner != from && PipelineVocabulary.GradeSources.Contains(from, StringComparer.Ordinal))
            {
                grades.Forbid(key, $"applies to from: {owner} only (from is {from})");
            }
        }
        return new RelevanceGradesDefinition(
            from,
            grades.Int("grade_count", 0),
            from == RelevanceGradesDefinition.LogitThresholds ? ParseDoubles(grades, "thresholds") : null,
            from == RelevanceGradesDefinition.LogitMapping ? ParseIntervals(grades) : null,
            grades.Int("default_grade", 0),
            from == RelevanceGradesDefinition.RankBuckets ? ParseBuckets(grades) : null,
            grades.Int("other_grade", 0),
            grades.Int("cut_grade", 0));
    }

    private List<double> ParseDoubles(YamlMappingReader grades, string key)
    {
        var values = new List<double>();
        foreach ((YamlNode node, string path) in grades.Sequence(key, required: true) ?? [])
        {
            if (YamlValues.TryDouble(node, out double value))
            {
                values.Add(value);
            }
            else
            {
                _errors.Add(path, $"must be a number (got {YamlValues.Describe(node)})");
            }
        }
        return values;
    }

    private List<LogitGradeInterval> ParseIntervals(YamlMappingReader grades)
    {
        var intervals = new List<LogitGradeInterval>();
        foreach (YamlMappingReader item in Mappings(grades, "intervals", s_intervalKeys))
        {
            intervals.Add(new LogitGradeInterval(
                item.Double("lower", double.NegativeInfinity), item.Double("upper", double.PositiveInfinity), item.Int("grade")));
        }
        return intervals;
    }

    private List<RankBucket> ParseBuckets(YamlMappingReader grades)
    {
        var buckets = new List<RankBucket>();
        foreach (YamlMappingReader item in Mappings(grades, "buckets", s_bucketKeys))
        {
            buckets.Add(new RankBucket(item.Int("first_rank"), item.Int("last_rank"), item.Int("grade")));
        }
        return buckets;
    }

    private List<YamlMappingReader> Mappings(YamlMappingReader parent, string key, string[] keys)
    {
        var readers = new List<YamlMappingReader>();
        foreach ((YamlNode node, string path) in parent.Sequence(key, required: true) ?? [])
        {
            if (node is YamlMappingNode mapping)
            {
                readers.Add(YamlMappingReader.Open(_errors, path, mapping, keys));
            }
            else
            {
                _errors.Add(path, $"must be a mapping with keys {string.Join(", ", keys)} (got {YamlValues.Describe(node)})");
            }
        }
        return readers;
    }

    private static GroundTruthDefinition? ParseGroundTruth(YamlMappingReader training)
    {
        YamlMappingReader? groundTruth = training.Mapping("ground_truth", s_groundTruthKeys, required: false);
        return groundTruth is null ? null : new GroundTruthDefinition(groundTruth.String("label"), groundTruth.Double("weight"));
    }
}
