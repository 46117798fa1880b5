using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Pipelines;

/// <summary>Pipeline texts for tests, and a checked way to change them.</summary>
internal static class PipelineYaml
{
    /// <summary>A <c>quality</c> section with every key, to append to a pipeline text.</summary>
    public const string Quality = """

        quality:
          max_quarantine_rate: 0.1
          baseline_days: 3
          drift:
            request_volume: { warn: 0.3, block: 0.8 }
            candidates_per_request: { warn: 0.2 }
            teacher_logit_js: { warn: 0.02, block: 0.2 }
            label_rate: { block: 1.5 }
            feature_coverage: { warn: 0.05, block: 0.5 }
        """;

    /// <summary>Only the required keys.</summary>
    public const string Minimal = """
        name: minimal
        stage: prerank
        logs:
          window_days: 3
          objectives: [click]
        features:
          - name: user_id
            side: user
            kind: categorical
            hash_buckets: 100
            embedding_dim: 4
          - name: recent
            side: user
            kind: multi
            hash_buckets: 50
            embedding_dim: 4
          - name: item_id
            side: item
            kind: categorical
            hash_buckets: 200
            embedding_dim: 4
          - name: price
            side: item
            kind: numeric
        dataset:
          top_k: 5
          fusion:
            click: 1.0
        student:
          hidden_layers: []
          embedding_dim: 8
        training:
          epochs: 1
          batch_size: 32
          learning_rate: 0.01
        """;

    /// <summary>Every key given.</summary>
    public const string Full = """
        name: full
        description: Every key given.
        stage: recall
        logs:
          window_days: 7
          holdout_days: 2
          objectives: [click, finish]
          read_labels: false
        features:
          - name: user_id
            side: user
            kind: categorical
            column: user_id
            hash_buckets: 4096
            embedding_dim: 16
          - name: segment
            side: user
            kind: categorical
            column: user.segment
            hash_buckets: 64
            embedding_dim: 8
          - name: tags
            side: item
            kind: multi
            column: item.tags
            hash_buckets: 512
            embedding_dim: 8
            max_length: 8
          - name: price
            side: item
            kind: numeric
            column: item.price
        dataset:
          recipe: pointwise
          top_k: 10
          position_weight:
            function: inverse
            a: 5
          fusion:
            click: 1.0
            finish: 0.5
          soft_label:
            temperature: 2.0
          catalogue_negatives: 8
        student:
          architecture: two_tower
          hidden_layers: [64, 32]
          embedding_dim: 32
          temperature: 0.1
          heads: single
        training:
          epochs: 3
          batch_size: 1024
          learning_rate: 0.003
          weight_decay: 0.0001
          soft_label_weight: 0.3
          seed: 42
          threads: 2
          device: cpu
        evaluation:
          top_k: 10
          candidate_top_n: 50
          catalogue_top_n: 100
          max_requests: 2000
          seed: 7
        publish:
          model_name: full-model
          parity_tolerance: 1e-5
        """;

    /// <summary>Replaces the single occurrence of <paramref name="find"/>; fails the test if there is none or several.</summary>
    public static string Edit(this string yaml, string find, string replacement)
    {
        int at = yaml.IndexOf(find, StringComparison.Ordinal);
        if (at < 0 || yaml.IndexOf(find, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"The text must occur exactly once: {find}", nameof(find));
        }
        return string.Concat(yaml.AsSpan(0, at), replacement, yaml.AsSpan(at + find.Length));
    }

    /// <summary>The errors of an invalid text.</summary>
    public static IReadOnlyList<PipelineDefinitionError> Errors(string yaml)
    {
        var exception = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Parse(yaml, "test.yaml"));
        Assert.Equal("test.yaml", exception.Source);
        Assert.NotEmpty(exception.Errors);
        return exception.Errors;
    }

    /// <summary>The single error of an invalid text, which must be at <paramref name="path"/>.</summary>
    public static PipelineDefinitionError SingleError(string yaml, string path)
    {
        IReadOnlyList<PipelineDefinitionError> errors = Errors(yaml);
        PipelineDefinitionError error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        return error;
    }
}
