using CascadeDistill.Registry;

namespace CascadeDistill.SqlServer.Rows;

/// <summary>A <c>cascade_distill.model_version_files</c> row as Dapper reads and writes it.</summary>
internal sealed class ModelFileRow
{
    public const string Columns =
        "model_name AS ModelName, version AS Version, relative_path AS RelativePath, bytes AS Bytes, sha256 AS Sha256";

    public string ModelName { get; set; } = string.Empty;

    public int Version { get; set; }

    public string RelativePath { get; set; } = string.Empty;

    public long Bytes { get; set; }

    public string Sha256 { get; set; } = string.Empty;

    public ModelFile ToRecord() => new(RelativePath, Bytes, Sha256);
}
