using System.Globalization;
using System.Text.Json;
using CascadeDistill.Features;
using CascadeDistill.IO;
using CascadeDistill.Logs;

namespace CascadeDistill.Imports;

/// <summary>
/// <c>cascade-distill import</c>: reads CSV or JSON Lines files through a mapping, regroups the rows of
/// each request (external sort by request id, bounded memory), checks every request, writes the good
/// ones as day partitions of the log contract, quarantines the rest with reason codes and records the
/// accounting in an import manifest (docs/import.md).
/// </summary>
public sealed partial class LogImporter(ILogStore logs, TimeProvider time)
{
    public const string ImportsFolder = "imports";
    public const string QuarantineFolder = "quarantine";
    public const string TemporaryFolder = "tmp";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <exception cref="ImportMappingException">The mapping is invalid (or declares a multi-valued CSV feature without delimiter).</exception>
    public async Task<ImportLogsResult> ImportAsync(ImportLogsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        DateTimeOffset started = time.GetUtcNow();
        ImportMappingDefinition mapping = ImportMappingLoader.Load(request.MappingPath);
        CheckFormat(mapping, request);
        string mappingSha = FileDigest.Compute(request.MappingPath).Sha256;
        FileDigest[] digests = [.. request.Inputs.Select(FileDigest.Compute)];
        string importId = started.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-"
            + Sha256Hex.Of(mappingSha + string.Concat(digests.Select(d => d.Sha256)))[..8];
        string importsDir = Path.Combine(request.WorkDirectory, ImportsFolder);
        HashSet<string> seen = PreviouslyImported(importsDir);

        var state = new ImportState(mapping, request, importId);
        using (state)
        {
            for (int i = 0; i < request.Inputs.Count; i++)
            {
                ReadInput(state, i, digests[i], seen, cancellationToken);
            }
            WriteRequests(state, cancellationToken);
        }

        var totals = new ImportFileAccounting();
        foreach (ImportFileAccounting file in state.Files)
        {
            totals.Add(file);
        }
        var manifest = new ImportManifest(
            importId,
            request.Format.ToString().ToLowerInvariant(),
            Path.GetFullPath(request.MappingPath),
            mappingSha,
            started,
            time.GetUtcNow(),
            request.MaxRowsInMemory,
            state.SpillRuns,
            [.. Enumerable.Range(0, request.Inputs.Count).Select(i => state.Record(i, digests[i]))],
            new ImportTotals(totals.RowsRead, totals.RowsAccepted, totals.RowsQuarantined, state.RequestsAccepted,
                state.RequestsQuarantined, totals.IsBalanced && state.Files.All(f => f.IsBalanced)),
            state.Partitions,
            state.QuarantineRows > 0 ? state.QuarantinePath : null);
        Directory.CreateDirectory(importsDir);
        string manifestPath = Path.Combine(importsDir, importId + ".json");
        await AtomicFile.WriteJsonAsync(manifestPath, manifest, s_json, cancellationToken).ConfigureAwait(false);
        return new ImportLogsResult(manifest, manifestPath, state.Messages);
    }

    private static void CheckFormat(ImportMappingDefinition mapping, ImportLogsRequest request)
    {
        if (request.Format == ImportFormat.Csv)
        {
            var errors = mapping.Features
                .Select((f, i) => (f, i))
                .Where(x => x.f.Kind == FeatureKind.MultiCategorical && x.f.Delimiter is null)
                .Select(x => new Pipelines.PipelineDefinitionError($"features[{x.i}].delimiter", "is required for a multi_categorical feature read from CSV"))
                .ToArray();
            if (errors.Length > 0)
            {
                throw new ImportMappingException(request.MappingPath, errors);
            }
        }
    }

    /// <summary>SHA-256 of every input an earlier import (manifest in <paramref name="importsDir"/>) read.</summary>
    private static HashSet<string> PreviouslyImported(string importsDir)
    {
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(importsDir))
        {
            return hashes;
        }
        foreach (string path in Directory.EnumerateFiles(importsDir, "*.json").Where(p => !AtomicFile.IsTemporaryFile(p)))
        {
            ImportManifest manifest = JsonSerializer.Deserialize<ImportManifest>(File.ReadAllText(path), s_json)
                ?? throw new InvalidDataException($"{path}: the import manifest is empty.");
            foreach (ImportInputRecord input in manifest.Inputs.Where(i => i.Status == ImportInputStatus.Imported))
            {
                hashes.Add(input.Sha256);
            }
        }
        return hashes;
    }

    private static void ReadInput(ImportState state, int index, FileDigest digest, HashSet<string> seen, CancellationToken cancellationToken)
    {
        string path = state.Request.Inputs[index];
        if (!seen.Add(digest.Sha256))
        {
            state.Statuses[index] = (ImportInputStatus.DuplicateSkipped, null,
                $"{path}: skipped, the same content (sha256 {digest.Sha256[..12]}…) was already imported");
            state.Messages.Add(state.Statuses[index].Message!);
            return;
        }
        IReadOnlyList<string> columns = state.Mapping.SourceColumns();
        IEnumerable<SourceRow> rows = state.Request.Format == ImportFormat.Csv
            ? CsvSourceReader.Read(path, columns, cancellationToken)
            : JsonLinesSourceReader.Read(path, columns, cancellationToken);
        ImportFileAccounting accounting = state.Files[index];
        try
        {
            foreach (SourceRow source in rows)
            {
                accounting.Read();
                ImportRow row = state.Parser.Parse(source, index, state.NextSequence++);
                if (row.RequestId.Length == 0)
                {
                    // No request to attach the row to: it is quarantined alone.
                    state.Quarantine.Write(row.FaultReason!, row.FaultDetail!, path, row.RowNumber, null);
                    accounting.Quarantined(row.FaultReason!);
                    continue;
                }
                state.Sorter.Add(row);
            }
        }
        catch (ImportFileException e) when (accounting.RowsRead == 0)
        {
            // Raised by the header check, before any row: the whole file is refused and recorded.
            state.Statuses[index] = (ImportInputStatus.FileQuarantined, e.ReasonCode, e.Message);
            state.Messages.Add(e.Message);
        }
    }
}
