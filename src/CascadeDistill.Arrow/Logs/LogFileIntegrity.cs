using Apache.Arrow;
using CascadeDistill.Arrow.Features;
using CascadeDistill.Arrow.IO;
using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Logs;

/// <summary>
/// Run-time checks of a log file before a run reads it. Arrow IPC files carry no checksums, so the check
/// reads every record batch (structure and buffer bounds, not values): a file that does not open or
/// breaks off is <c>truncated_file</c>, or <c>file_in_progress</c> when it was modified within
/// <c>inProgressWindow</c> or changed while it was checked (its producer is still writing: not read until complete).
/// </summary>
internal static class LogFileIntegrity
{
    public static LogFileCheck Check(LogFileInfo file, TimeProvider time, TimeSpan inProgressWindow, CancellationToken cancellationToken)
    {
        var before = new FileInfo(file.Path);
        if (!before.Exists)
        {
            return LogFileCheck.Quarantined(file, LogReasonCodes.TruncatedFile, "The file disappeared before it was checked.");
        }
        (long length, DateTime written) = (before.Length, before.LastWriteTimeUtc);
        long rows = 0;
        string? problem = null;
        try
        {
            using ArrowBatchSource source = ArrowBatchSource.Open(file.Path);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using RecordBatch? batch = source.ReadNext();
                if (batch is null)
                {
                    break;
                }
                rows += batch.Length;
            }
        }
        catch (InvalidDataException e)
        {
            problem = e.Message;
        }
        catch (IOException e)
        {
            problem = e.Message;
        }
        var after = new FileInfo(file.Path);
        if (!after.Exists || after.Length != length || after.LastWriteTimeUtc != written)
        {
            return LogFileCheck.Quarantined(file, LogReasonCodes.FileInProgress, "The file changed while it was checked: its producer is still writing it.");
        }
        if (problem is null)
        {
            return LogFileCheck.Complete(file, rows);
        }
        TimeSpan age = time.GetUtcNow().UtcDateTime - written;
        return age < inProgressWindow
            ? LogFileCheck.Quarantined(file, LogReasonCodes.FileInProgress, $"Incomplete and modified {age.TotalSeconds:F0} s ago (less than {inProgressWindow.TotalSeconds:F0} s): probably still being written. {problem}")
            : LogFileCheck.Quarantined(file, LogReasonCodes.TruncatedFile, problem);
    }

    /// <summary>The objectives, labels, re-rank position and features a file holds, read from its schema (null when it does not open).</summary>
    public static LogWriteSchema? Describe(LogFileInfo file)
    {
        Schema schema;
        try
        {
            using ArrowBatchSource source = ArrowBatchSource.Open(file.Path);
            schema = source.Schema;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        var objectives = new List<string>();
        var features = new List<FeatureDefinition>();
        bool labels = false;
        bool rerank = false;
        foreach (Field field in schema.FieldsList)
        {
            string name = field.Name;
            if (name.StartsWith(LogContract.TeacherLogitPrefix, StringComparison.Ordinal))
            {
                objectives.Add(name[LogContract.TeacherLogitPrefix.Length..]);
            }
            else if (name.StartsWith(LogContract.LabelPrefix, StringComparison.Ordinal))
            {
                labels = true;
            }
            else if (name == LogContract.RerankPosition)
            {
                rerank = true;
            }
            else if (name.StartsWith(LogContract.UserFeaturePrefix, StringComparison.Ordinal) || name.StartsWith(LogContract.ItemFeaturePrefix, StringComparison.Ordinal))
            {
                FeatureKind? kind = Enum.GetValues<FeatureKind>().Cast<FeatureKind?>().FirstOrDefault(k => FeatureArrowTypes.Matches(k!.Value, field.DataType));
                if (kind is not null)
                {
                    features.Add(new FeatureDefinition(
                        name,
                        name.StartsWith(LogContract.UserFeaturePrefix, StringComparison.Ordinal) ? FeatureSide.User : FeatureSide.Item,
                        kind.Value,
                        name,
                        HashBuckets: kind == FeatureKind.Numeric ? 0 : 1,
                        EmbeddingDim: kind == FeatureKind.Numeric ? 0 : 1,
                        MaxLength: kind == FeatureKind.MultiCategorical ? 1 : 0));
                }
            }
        }
        return new LogWriteSchema(objectives, labels, rerank, features);
    }
}
