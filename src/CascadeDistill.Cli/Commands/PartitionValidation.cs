using System.Globalization;
using CascadeDistill.Imports;
using CascadeDistill.Quality;

namespace CascadeDistill.Cli.Commands;

/// <summary>What <c>validate</c> found for one partition.</summary>
public sealed record PartitionValidation(
    DateOnly Partition,
    IReadOnlyList<(ImportManifest Manifest, ImportPartitionRecord File)> Imports,
    PartitionQualityReport? Quality,
    IReadOnlyList<string> Anomalies)
{
    /// <summary>Every reason a run on this partition would be refused.</summary>
    public IReadOnlyList<string> BlockingReasons => [.. Anomalies, .. Quality?.BlockingReasons ?? []];

    public bool WouldBlock => BlockingReasons.Count > 0;

    public object ToJson() => new
    {
        Partition,
        Imports = Imports.Select(i => new
        {
            i.Manifest.ImportId,
            i.Manifest.Format,
            i.File.File,
            i.File.Requests,
            i.File.Rows,
            ImportTotals = i.Manifest.Totals,
        }),
        Quality = Quality is null ? null : QualitySummary.Of(Quality),
        Anomalies,
        BlockingReasons,
        WouldBlock,
    };

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        IFormatProvider c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"Partition {Partition:yyyy-MM-dd}"));
        output.WriteLine();
        output.WriteLine("Imports that wrote it:");
        if (Imports.Count == 0)
        {
            output.WriteLine("  (none recorded: written by simulate or another producer)");
        }
        foreach ((ImportManifest manifest, ImportPartitionRecord file) in Imports)
        {
            ImportTotals t = manifest.Totals;
            output.WriteLine(string.Create(c,
                $"  {manifest.ImportId} ({manifest.Format}): {file.Requests:N0} requests, {file.Rows:N0} rows in {Path.GetFileName(file.File)}; whole import read {t.RowsRead:N0} = accepted {t.RowsAccepted:N0} + quarantined {t.RowsQuarantined.Values.Sum():N0}{Reasons(t.RowsQuarantined)}{(t.Balanced ? "" : " — NOT BALANCED")}"));
        }
        if (Quality is { } quality)
        {
            LogScreening screening = quality.Screening;
            output.WriteLine();
            output.WriteLine(string.Create(c,
                $"Files checked (partition and baseline days): {screening.Files.Count}, {screening.BytesRead / 1e6:F1} MB; quarantined {screening.Quarantined.Count} ({screening.QuarantineRate:P2} of the bytes, limit {quality.MaxQuarantineRate:P2})"));
            foreach (var file in screening.Quarantined)
            {
                output.WriteLine($"  [{file.ReasonCode}] {file.File.Path}: {file.Detail}");
            }
            DriftReport drift = quality.Drift;
            output.WriteLine();
            if (drift.BaselineDays.Count == 0)
            {
                output.WriteLine("Drift: no previous day with logs, nothing compared.");
            }
            else
            {
                output.WriteLine(string.Create(c, $"Drift against {drift.BaselineDays.Count} previous day(s) ({drift.BaselineDays[0]:yyyy-MM-dd} … {drift.BaselineDays[^1]:yyyy-MM-dd}):"));
                output.WriteLine($"  {"figure",-44}{"partition",12}{"baseline",12}{"value",10}  status");
                foreach (DriftFigure figure in drift.Figures)
                {
                    output.WriteLine(string.Create(c, $"  {figure.Name,-44}{figure.Current,12:G6}{figure.Baseline,12:G6}{figure.Value,10:G4}  {figure.Status}"));
                }
            }
            foreach ((string objective, LogitQuantiles q) in drift.TeacherLogits)
            {
                output.WriteLine(string.Create(c, $"  teacher.{objective} quantiles  partition: {Quantiles(q.Current)}"));
                output.WriteLine(string.Create(c, $"  teacher.{objective} quantiles  baseline:  {Quantiles(q.Baseline)}"));
            }
        }
        output.WriteLine();
        if (WouldBlock)
        {
            output.WriteLine("A run on this partition would be refused:");
            foreach (string reason in BlockingReasons)
            {
                output.WriteLine("  " + reason);
            }
        }
        else
        {
            output.WriteLine("OK: a run on this partition would proceed.");
        }
    }

    private static string Reasons(IReadOnlyDictionary<string, long> quarantined) =>
        quarantined.Count == 0 ? "" : " (" + string.Join(", ", quarantined.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}"))) + ")";

    private static string Quantiles(IReadOnlyDictionary<string, double> values) =>
        string.Join(" ", values.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F2}")));
}
