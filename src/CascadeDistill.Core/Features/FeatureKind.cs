namespace CascadeDistill.Features;

/// <summary>How a logged feature column is typed and encoded by a student tower.</summary>
public enum FeatureKind
{
    /// <summary>One int64 id per row; hashed into <c>HashBuckets</c> and embedded.</summary>
    Categorical,

    /// <summary>A list of int64 ids per row; each id hashed and embedded, then mean-pooled (empty list → zero vector).</summary>
    MultiCategorical,

    /// <summary>One float32 per row; standardised with statistics from the training window.</summary>
    Numeric,
}
