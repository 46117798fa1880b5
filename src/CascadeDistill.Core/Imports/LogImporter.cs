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
/// <param name="catalogue">Where the item catalogue derived from the imported item features is written (null: not written).</param>
public sealed partial class LogImporter(ILogStore logs, ICatalogueStore? catalogue, TimeProvider time, IEnumerable<IImportSource> sources)
{
    /// <summary>An importer for the formats Core reads itself (CSV and JSON Lines) that writes no catalogue.</summary>
    public LogImporter(ILogStore logs, TimeProvider time)
        : this(logs, null, time, [new CsvImportSource(), new JsonLinesImportSource()])
    {
    }

    /// <summary>An importer for the given formats that writes no catalogue.</summary>
    public LogImporter(ILogStore logs, TimeProvider time, IEnumerable<IImportSource> sources)
        : this(logs, null, time, sources)
    {
    }

    public const string ImportsFolder = "imports";
    public const string QuarantineFolder = "quarantine";
    public const string TemporaryFolder = "tmp";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <exception cref="ImportMappingException">The mapping is invalid (or declares a multi-valued CSV feature without delimiter).</exception>
    public async Task<ImportLogsResult> ImportAsync(ImportLogsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        DateTimeOffset started = time.GetUtcNow();
        IImportSource source = sources.LastOrDefault(s => s.Format == request.Format)
            ?? throw new NotSupportedException($"No import source for format '{request.Format}' is registered.");
        ImportMappingDefinition mapping = ImportMappingLoader.Load(request.MappingPath);
        CheckFormat(mapping, request, source);
        string mappingSha = FileDigest.Compute(request.MappingPath).Sha256;
        ImportInputIdentity[] digests = [.. request.Inputs.Select(source.Identify)];
        string importId = started.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-"
            + Sha256Hex.Of(mappingSha + string.Concat(digests.Select(d => d.Sha256)))[..8];
        string importsDir = Path.Combine(request.WorkDirectory, ImportsFolder);
        HashSet<string> seen = PreviouslyImported(importsDir);

        var state = new ImportState(mapping, request, importId, source, digests);
        using (state)
        {
            for (int i = 0; i < request.Inputs.Count; i++)
            {
                ReadInput(state, i, digests[i], seen, cancellationToken);
            }
            WriteRequests(state, cancellationToken);
        }
        ImportCatalogueRecord? catalogueRecord = WriteCatalogue(state, cancellationToken);

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
            state.QuarantineRows > 0 ? state.QuarantinePath : null)
        {
            Catalogue = catalogueRecord,
            MergeFanIn = state.Sorter.MaxFanIn,
            IntermediateMerges = state.Sorter.IntermediateMerges,
        };
        Directory.CreateDirectory(importsDir);
        string manifestPath = Path.Combine(importsDir, importId + ".json");
        await AtomicFile.WriteJsonAsync(manifestPath, manifest, s_json, cancellationToken).ConfigureAwait(false);
        return new ImportLogsResult(manifest, manifestPath, state.Messages);
    }

    private static void CheckFormat(ImportMappingDefinition mapping, ImportLogsRequest request, IImportSource source)
    {
        if (!source.HasListValues)
        {
            var errors = mapping.Features
                .Select((f, i) => (f, i))
                .Where(x => x.f.Kind == FeatureKind.MultiCategorical && x.f.Delimiter is null)
                .Select(x => new Pipelines.PipelineDefinitionError($"features[{x.i}].delimiter", $"is required for a multi_categorical feature read from {request.Format.ToString().ToUpperInvariant()}"))
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

    private static void ReadInput(ImportState state, int index, ImportInputIdentity digest, HashSet<string> seen, CancellationToken cancellationToken)
    {
        string input = state.Request.Inputs[index];
        string path = digest.Name;
        if (!seen.Add(digest.Sha256))
        {
            state.Statuses[index] = (ImportInputStatus.DuplicateSkipped, null,
                $"{path}: skipped, the same content (sha256 {digest.Sha256[..12]}…) was already imported");
            state.Messages.Add(state.Statuses[index].Message!);
            return;
        }
        IReadOnlyList<string> columns = state.Mapping.SourceColumns();
        IEnumerable<SourceRow> rows = state.Source.Read(input, columns, cancellationToken);
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
        catch (ImportFileException e)
        {
            // Before any row (a header check, an unreadable footer): the whole file is refused and recorded.
            // After some rows (a corrupt page, a failing query): every request with a row of it is quarantined
            // with this reason when the requests are assembled, so the accounting still balances.
            state.Statuses[index] = (ImportInputStatus.FileQuarantined, e.ReasonCode, e.Message);
            state.Messages.Add(e.Message);
            if (accounting.RowsRead > 0)
            {
                state.FailedInputs[index] = e.ReasonCode;
            }
        }
    }
}
