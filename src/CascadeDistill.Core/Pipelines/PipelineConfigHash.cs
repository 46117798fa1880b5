using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CascadeDistill.Features;

namespace CascadeDistill.Pipelines;

/// <summary>
/// A fingerprint of a pipeline's configuration: lowercase hex SHA-256 of its canonical JSON. Two
/// files that parse to the same definition (whatever their formatting, comments or key order) have
/// the same hash; any value change gives a different one. Runs record it to tell configurations apart.
/// </summary>
public static partial class PipelineConfigHash
{
    /// <summary>Bumped if the canonical form ever changes, so old and new hashes never collide by accident.</summary>
    public const int CanonicalFormVersion = 1;

    /// <summary>Lowercase hex SHA-256 (64 characters) of <see cref="CanonicalJson"/>.</summary>
    public static string Compute(PipelineDefinition definition) =>
        Convert.ToHexStringLower(SHA256.HashData(CanonicalUtf8(definition)));

    /// <summary>
    /// The canonical JSON: snake_case keys in record-declaration order, enumerations as their pipeline-file
    /// words, lists in order, <c>dataset.fusion</c> sorted by objective (a map, not a sequence),
    /// numbers in invariant shortest round-trip form, no whitespace.
    /// </summary>
    public static string CanonicalJson(PipelineDefinition definition) => Encoding.UTF8.GetString(CanonicalUtf8(definition));

    private static byte[] CanonicalUtf8(PipelineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteNumber("canonical_form", CanonicalFormVersion);
            json.WriteString("name", definition.Name);
            json.WriteString("description", definition.Description);
            json.WriteString("stage", PipelineVocabulary.NameOf(definition.Stage));
            WriteLogs(json, definition.Logs);
            WriteFeatures(json, definition.Features);
            WriteDataset(json, definition.Dataset);
            WriteStudent(json, definition.Student);
            WriteTraining(json, definition.Training);
            WriteEvaluation(json, definition.Evaluation);
            json.WriteStartObject("publish");
            json.WriteString("model_name", definition.Publish.ModelName);
            json.WriteNumber("parity_tolerance", definition.Publish.ParityTolerance);
            json.WriteEndObject();
            WriteQuality(json, definition.Quality);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>Only a non-default quality section is hashed, so pipelines without one keep their hash.</summary>
    private static void WriteQuality(Utf8JsonWriter json, QualityDefinition quality)
    {
        if (quality.IsDefault)
        {
            return;
        }
        json.WriteStartObject("quality");
        json.WriteNumber("max_quarantine_rate", quality.MaxQuarantineRate);
        json.WriteNumber("baseline_days", quality.BaselineDays);
        json.WriteStartObject("drift");
        foreach ((string metric, DriftThresholdDefinition gate) in quality.Drift.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(metric);
            if (gate.Warn is double warn)
            {
                json.WriteNumber("warn", warn);
            }
            if (gate.Block is double block)
            {
                json.WriteNumber("block", block);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLogs(Utf8JsonWriter json, LogWindowDefinition logs)
    {
        json.WriteStartObject("logs");
        json.WriteNumber("window_days", logs.WindowDays);
        json.WriteNumber("holdout_days", logs.HoldoutDays);
        json.WriteStartArray("objectives");
        foreach (string objective in logs.Objectives)
        {
            json.WriteStringValue(objective);
        }
        json.WriteEndArray();
        json.WriteBoolean("read_labels", logs.ReadLabels);
        json.WriteEndObject();
    }

    private static void WriteFeatures(Utf8JsonWriter json, IReadOnlyList<FeatureDefinition> features)
    {
        json.WriteStartArray("features");
        foreach (FeatureDefinition feature in features)
        {
            json.WriteStartObject();
            json.WriteString("name", feature.Name);
            json.WriteString("side", PipelineVocabulary.NameOf(feature.Side));
            json.WriteString("kind", PipelineVocabulary.NameOf(feature.Kind));
            json.WriteString("column", feature.Column);
            json.WriteNumber("hash_buckets", feature.HashBuckets);
            json.WriteNumber("embedding_dim", feature.EmbeddingDim);
            json.WriteNumber("max_length", feature.MaxLength);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteDataset(Utf8JsonWriter json, DatasetDefinition dataset)
    {
        json.WriteStartObject("dataset");
        json.WriteString("recipe", dataset.Recipe);
        json.WriteNumber("top_k", dataset.TopK);
        json.WriteStartObject("position_weight");
        json.WriteString("function", PipelineVocabulary.NameOf(dataset.PositionWeight.Function));
        json.WriteNumber("a", dataset.PositionWeight.A);
        json.WriteNumber("lambda", dataset.PositionWeight.Lambda);
        json.WriteEndObject();
        json.WriteStartObject("fusion");
        foreach ((string objective, double weight) in dataset.Fusion.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(objective, weight);
        }
        json.WriteEndObject();
        if (dataset.SoftLabel is null)
        {
            json.WriteNull("soft_label");
        }
        else
        {
            json.WriteStartObject("soft_label");
            json.WriteNumber("temperature", dataset.SoftLabel.Temperature);
            json.WriteEndObject();
        }
        json.WriteNumber("catalogue_negatives", dataset.CatalogueNegatives);
        if (dataset.Listwise is null)
        {
            json.WriteNull("listwise");
        }
        else
        {
            json.WriteStartObject("listwise");
            json.WriteNumber("temperature", dataset.Listwise.Temperature);
            json.WriteNumber("min_list_length", dataset.Listwise.MinListLength);
            WriteListLoss(json, dataset.Listwise);
            json.WriteEndObject();
        }
        WritePairwise(json, dataset.Pairwise);
        if (dataset.InBatch is null)
        {
            json.WriteNull("in_batch");
        }
        else
        {
            json.WriteStartObject("in_batch");
            json.WriteNumber("teacher_temperature", dataset.InBatch.TeacherTemperature);
            json.WriteNumber("distillation_weight", dataset.InBatch.DistillationWeight);
            json.WriteBoolean("logq_correction", dataset.InBatch.LogQCorrection);
            json.WriteNumber("frequency_buckets", dataset.InBatch.FrequencyBuckets);
            json.WriteNumber("frequency_alpha", dataset.InBatch.FrequencyAlpha);
            json.WriteEndObject();
        }
        json.WriteString("ranked_list", PipelineVocabulary.NameOf(dataset.RankedList));
        if (dataset.Labels != PipelineDefaults.Labels || dataset.Label is not null)
        {
            // Written only when not the default, so pipelines that predate the key keep their hash.
            json.WriteString("labels", dataset.Labels);
            json.WriteString("label", dataset.Label);
        }
        json.WriteEndObject();
    }

    private static void WriteStudent(Utf8JsonWriter json, StudentDefinition student)
    {
        json.WriteStartObject("student");
        json.WriteString("architecture", student.Architecture);
        json.WriteStartArray("hidden_layers");
        foreach (int width in student.HiddenLayers)
        {
            json.WriteNumberValue(width);
        }
        json.WriteEndArray();
        json.WriteNumber("embedding_dim", student.EmbeddingDim);
        json.WriteNumber("temperature", student.Temperature);
        if (student.Heads != StudentHeads.Single)
        {
            // Written only when declared, so single-head pipelines keep their config hashes.
            json.WriteString("heads", student.Heads);
        }
        json.WriteEndObject();
    }

    private static void WriteTraining(Utf8JsonWriter json, TrainingDefinition training)
    {
        json.WriteStartObject("training");
        json.WriteNumber("epochs", training.Epochs);
        json.WriteNumber("batch_size", training.BatchSize);
        json.WriteNumber("learning_rate", training.LearningRate);
        json.WriteNumber("weight_decay", training.WeightDecay);
        json.WriteNumber("soft_label_weight", training.SoftLabelWeight);
        json.WriteNumber("seed", training.Seed);
        json.WriteNumber("threads", training.Threads);
        json.WriteString("device", training.Device);
        WriteLossMix(json, training);
        WriteDistillationLoss(json, training);
        json.WriteEndObject();
    }

    private static void WriteEvaluation(Utf8JsonWriter json, EvaluationDefinition evaluation)
    {
        json.WriteStartObject("evaluation");
        json.WriteNumber("top_k", evaluation.TopK);
        json.WriteNumber("candidate_top_n", evaluation.CandidateTopN);
        json.WriteNumber("catalogue_top_n", evaluation.CatalogueTopN);
        json.WriteNumber("max_requests", evaluation.MaxRequests);
        json.WriteNumber("seed", evaluation.Seed);
        json.WriteEndObject();
    }
}
