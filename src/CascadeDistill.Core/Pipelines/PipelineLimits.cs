namespace CascadeDistill.Pipelines;

/// <summary>The ranges the validator enforces (docs/pipelines.md and pipeline.schema.json state the same).</summary>
public static class PipelineLimits
{
    /// <summary>Pipeline and model names: lowercase letters, digits, <c>-</c> and <c>_</c>, starting with a letter or digit.</summary>
    public const string NamePattern = "^[a-z0-9][a-z0-9_-]*$";

    /// <summary>Feature and objective names: lowercase identifiers (they become ONNX input and column names).</summary>
    public const string IdentifierPattern = "^[a-z][a-z0-9_]*$";

    public const int MaxNameLength = 64;

    public const int MaxWindowDays = 366;

    public const int MinHashBuckets = 2;

    /// <summary>2^24.</summary>
    public const int MaxHashBuckets = 16_777_216;

    public const int MaxEmbeddingDim = 1024;

    public const int MaxMultiLength = 1024;

    public const int MaxTopK = 10_000;

    public const int MaxCatalogueNegatives = 10_000;

    /// <summary>Largest <c>dataset.listwise.min_list_length</c>.</summary>
    public const int MaxMinListLength = 10_000;

    /// <summary>Largest <c>dataset.inbatch.frequency_buckets</c> (two arrays of this length are held in memory).</summary>
    public const int MaxFrequencyBuckets = 1 << 26;

    public const int MaxHiddenLayers = 16;

    public const int MaxHiddenWidth = 16_384;

    public const int MaxEpochs = 10_000;

    /// <summary>2^20.</summary>
    public const int MaxBatchSize = 1_048_576;

    public const int MaxThreads = 1024;

    public const int MaxRequests = 10_000_000;
}
