using CascadeDistill.Datasets.Pairwise;
using CascadeDistill.Pipelines;
using CascadeDistill.Students;

namespace CascadeDistill.Datasets;

/// <summary>
/// Written last, next to a dataset's files: what went in (files with sizes and SHA-256), what came
/// out, the row accounting of log rows (read = used + skipped, per file and in total), the
/// catalogue negatives added beside them (examples = used + sampled), the recipe and the numeric
/// statistics computed on the window; with the pairwise recipe, the pairs drawn (<see cref="PairAccounting"/>).
/// </summary>
public sealed record DatasetManifest(
    int ManifestVersion,
    string Pipeline,
    string RunId,
    string ConfigHash,
    DateOnly FirstDay,
    DateOnly LastDay,
    DatasetDefinition Recipe,
    IReadOnlyList<DatasetInput> Inputs,
    IReadOnlyList<DatasetFileInfo> Outputs,
    RowAccountingSnapshot Accounting,
    long SampledNegatives,
    IReadOnlyDictionary<string, NumericStatistics> NumericStatistics,
    DateTimeOffset CreatedAt,
    PairAccounting? Pairs = null)
{
    public const string FileName = "manifest.json";
}
