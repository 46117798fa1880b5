using System.Globalization;
using CascadeDistill.Logs;

namespace CascadeDistill.Imports;

/// <summary>Merging the sorted rows into requests and writing them by day.</summary>
public sealed partial class LogImporter
{
    private void WriteRequests(ImportState state, CancellationToken cancellationToken)
    {
        var schema = new LogWriteSchema(
            [.. state.Mapping.Teacher.Select(t => t.Objective)],
            HasLabels: state.Mapping.Labels.Count > 0,
            HasRerankPosition: state.Mapping.RerankPosition is not null,
            [.. state.Mapping.Features.Select(f => f.ToDefinition())]);
        string fileName = "import-" + state.ImportId + ".arrow";
        var writers = new SortedDictionary<DateOnly, (ILogWriter Writer, long Requests, long Rows)>();
        var assembler = new RequestAssembler(state.Mapping);
        var group = new List<ImportRow>();
        try
        {
            foreach (ImportRow row in state.Sorter.ReadSorted(cancellationToken))
            {
                if (group.Count > 0 && !string.Equals(group[0].RequestId, row.RequestId, StringComparison.Ordinal))
                {
                    Flush(state, assembler, group, writers, fileName, schema);
                }
                group.Add(row);
            }
            if (group.Count > 0)
            {
                Flush(state, assembler, group, writers, fileName, schema);
            }
            foreach ((DateOnly day, (ILogWriter writer, long requests, long rows)) in writers)
            {
                LogFileInfo file = writer.Complete();
                state.Partitions.Add(new ImportPartitionRecord(day, file.Path, requests, rows));
            }
            state.Quarantine.Complete();
        }
        finally
        {
            foreach ((ILogWriter writer, _, _) in writers.Values)
            {
                writer.Dispose();
            }
        }
    }

    private void Flush(
        ImportState state,
        RequestAssembler assembler,
        List<ImportRow> group,
        SortedDictionary<DateOnly, (ILogWriter Writer, long Requests, long Rows)> writers,
        string fileName,
        LogWriteSchema schema)
    {
        string? reason = null;
        string? detail = null;
        int failed = group.FindIndex(r => state.FailedInputs.ContainsKey(r.FileIndex));
        RequestBlock? block = failed >= 0
            ? null
            : assembler.Assemble(group, out reason, out detail);
        if (failed >= 0)
        {
            reason = state.FailedInputs[group[failed].FileIndex];
            detail = $"request '{group[failed].RequestId}' has rows from an input that failed while it was read";
        }
        if (block is null)
        {
            foreach (ImportRow row in group)
            {
                state.Quarantine.Write(reason!, detail!, state.Inputs[row.FileIndex].Name, row.RowNumber, row.RequestId);
                state.Files[row.FileIndex].Quarantined(reason!);
            }
            state.RequestsQuarantined[reason!] = state.RequestsQuarantined.GetValueOrDefault(reason!) + 1;
        }
        else
        {
            // A request belongs to the UTC day of its first row (in source order).
            DateOnly day = DateOnly.FromDateTime(block.EventTime.UtcDateTime);
            if (!writers.TryGetValue(day, out var entry))
            {
                entry = (logs.CreateWriter(day, fileName, schema), 0, 0);
            }
            entry.Writer.Write(block);
            state.Catalogue.Add(block);
            writers[day] = (entry.Writer, entry.Requests + 1, entry.Rows + block.Count);
            foreach (ImportRow row in group)
            {
                state.Files[row.FileIndex].Accepted();
            }
            state.RequestsAccepted++;
        }
        group.Clear();
    }

    /// <summary>Everything one import call accumulates.</summary>
    private sealed class ImportState : IDisposable
    {
        public ImportState(ImportMappingDefinition mapping, ImportLogsRequest request, string importId, IImportSource source, ImportInputIdentity[] inputs)
        {
            Source = source;
            Inputs = inputs;
            Mapping = mapping;
            Request = request;
            ImportId = importId;
            Parser = new ImportRowParser(mapping);
            Catalogue = new ImportedCatalogue(mapping.Features.Select(f => f.ToDefinition()));
            Files = [.. request.Inputs.Select(_ => new ImportFileAccounting())];
            Statuses = [.. request.Inputs.Select(_ => (ImportInputStatus.Imported, (string?)null, (string?)null))];
            Sorter = new ExternalRowSorter(
                Path.Combine(request.WorkDirectory, TemporaryFolder, "import-" + importId),
                request.MaxRowsInMemory,
                new ImportRowCodec(mapping));
            QuarantinePath = Path.Combine(request.WorkDirectory, QuarantineFolder, importId, QuarantineWriter.FileName);
            Quarantine = new QuarantineWriter(Path.GetDirectoryName(QuarantinePath)!);
        }

        public ImportMappingDefinition Mapping { get; }

        public IImportSource Source { get; }

        public ImportInputIdentity[] Inputs { get; }

        /// <summary>Inputs that failed after some of their rows were read, with the reason their requests are quarantined for.</summary>
        public Dictionary<int, string> FailedInputs { get; } = [];

        public ImportLogsRequest Request { get; }

        public string ImportId { get; }

        public ImportRowParser Parser { get; }

        public ImportedCatalogue Catalogue { get; }

        public ImportFileAccounting[] Files { get; }

        public (string Status, string? Reason, string? Message)[] Statuses { get; }

        public ExternalRowSorter Sorter { get; }

        public QuarantineWriter Quarantine { get; }

        public string QuarantinePath { get; }

        public long QuarantineRows => Quarantine.Rows;

        public int SpillRuns => Sorter.RunCount;

        public long NextSequence { get; set; }

        public long RequestsAccepted { get; set; }

        public SortedDictionary<string, long> RequestsQuarantined { get; } = new(StringComparer.Ordinal);

        public List<ImportPartitionRecord> Partitions { get; } = [];

        public List<string> Messages { get; } = [];

        public ImportInputRecord Record(int index, ImportInputIdentity digest)
        {
            ImportFileAccounting files = Files[index];
            (string status, string? reason, string? message) = Statuses[index];
            return new ImportInputRecord(
                digest.Name, digest.Bytes, digest.Sha256, status, reason, message,
                files.RowsRead, files.RowsAccepted, new SortedDictionary<string, long>((IDictionary<string, long>)files.RowsQuarantined, StringComparer.Ordinal));
        }

        public void Dispose()
        {
            Sorter.Dispose();
            Quarantine.Dispose();
        }
    }
}
