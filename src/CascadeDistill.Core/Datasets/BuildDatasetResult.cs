using CascadeDistill.Students;

namespace CascadeDistill.Datasets;

/// <summary>A built dataset: its manifest and file, plus what later stages reuse from the same pass.</summary>
/// <param name="ListedCounts">Item id → how often it reached the teacher's final list (popularity baseline).</param>
public sealed record BuildDatasetResult(
    DatasetManifest Manifest,
    string DatasetPath,
    string ManifestPath,
    IReadOnlyDictionary<string, NumericStatistics> NumericStatistics,
    IReadOnlyDictionary<long, long> ListedCounts)
{
    public long Examples => Manifest.Accounting.RowsUsed + Manifest.SampledNegatives;

    /// <summary>Digest identifying the dataset: the SHA-256 of its (single) data file.</summary>
    public string Digest => Manifest.Outputs[0].Sha256;
}
