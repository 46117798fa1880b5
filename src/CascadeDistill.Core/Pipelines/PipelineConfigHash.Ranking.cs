using System.Text.Json;

namespace CascadeDistill.Pipelines;

/// <summary>The list and pair recipes' keys in the canonical JSON, every constructor parameter in order.</summary>
public static partial class PipelineConfigHash
{
    private static void WriteListLoss(Utf8JsonWriter json, ListwiseDefinition listwise)
    {
        json.WriteString("loss", listwise.Loss);
        WriteGrades(json, listwise.Grades);
        json.WriteNumber("sigma", listwise.Sigma);
    }

    private static void WritePairwise(Utf8JsonWriter json, PairwiseDefinition? pairwise)
    {
        if (pairwise is null)
        {
            json.WriteNull("pairwise");
            return;
        }
        json.WriteStartObject("pairwise");
        json.WriteStartObject("sampling");
        json.WriteString("strategy", PipelineVocabulary.NameOf(pairwise.Sampling.Strategy));
        json.WriteNumber("top_m", pairwise.Sampling.TopM);
        json.WriteNumber("top_k", pairwise.Sampling.TopK);
        json.WriteNumber("sampled_per_item", pairwise.Sampling.SampledPerItem);
        json.WriteNumber("boundary_width", pairwise.Sampling.BoundaryWidth);
        json.WriteNumber("max_pairs_per_list", pairwise.Sampling.MaxPairsPerList ?? 0);
        json.WriteString("weighting", PipelineVocabulary.NameOf(pairwise.Sampling.Weighting));
        json.WriteEndObject();
        WriteGrades(json, pairwise.Grades);
        json.WriteNumber("min_list_length", pairwise.MinListLength);
        json.WriteEndObject();
    }

    private static void WriteGrades(Utf8JsonWriter json, RelevanceGradesDefinition? grades)
    {
        if (grades is null)
        {
            json.WriteNull("grades");
            return;
        }
        json.WriteStartObject("grades");
        json.WriteString("from", grades.From);
        json.WriteNumber("grade_count", grades.GradeCount);
        json.WriteStartArray("thresholds");
        foreach (double threshold in grades.Thresholds ?? [])
        {
            json.WriteNumberValue(threshold);
        }
        json.WriteEndArray();
        json.WriteStartArray("intervals");
        foreach (var interval in grades.Intervals ?? [])
        {
            json.WriteStartObject();
            json.WriteString("lower", interval.Lower.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("upper", interval.Upper.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("grade", interval.Grade);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("default_grade", grades.DefaultGrade);
        json.WriteStartArray("buckets");
        foreach (var bucket in grades.Buckets ?? [])
        {
            json.WriteStartObject();
            json.WriteNumber("first_rank", bucket.FirstRank);
            json.WriteNumber("last_rank", bucket.LastRank);
            json.WriteNumber("grade", bucket.Grade);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("other_grade", grades.OtherGrade);
        json.WriteNumber("cut_grade", grades.CutGrade);
        json.WriteEndObject();
    }

    private static void WriteLossMix(Utf8JsonWriter json, TrainingDefinition training)
    {
        if (training.GroundTruth is GroundTruthDefinition groundTruth)
        {
            json.WriteStartObject("ground_truth");
            json.WriteString("label", groundTruth.Label);
            json.WriteNumber("weight", groundTruth.Weight);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("ground_truth");
        }
        json.WriteString("loss_weighting", training.LossWeighting);
    }
}
