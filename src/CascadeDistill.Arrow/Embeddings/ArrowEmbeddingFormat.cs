using Apache.Arrow;
using Apache.Arrow.Types;

namespace CascadeDistill.Arrow.Embeddings;

/// <summary>
/// The embedding export file: item_id int64 (unique, not null) and embedding fixed_size_list&lt;float32&gt;[dim]
/// (finite values), with schema metadata carrying the format version, the dimension and the producer's own keys.
/// </summary>
public static class ArrowEmbeddingFormat
{
    public const int Version = 1;
    public const string VersionMetadataKey = "cascade_distill.embedding_format_version";
    public const string DimMetadataKey = "cascade_distill.embedding_dim";

    public const string ItemId = "item_id";
    public const string Embedding = "embedding";

    /// <summary>Metadata keys the format owns; a producer's metadata may not use them.</summary>
    public static IReadOnlyList<string> ReservedMetadataKeys { get; } = [VersionMetadataKey, DimMetadataKey];

    public static FixedSizeListType EmbeddingType(int dim) =>
        new(new Field("item", FloatType.Default, nullable: false), dim);
}
