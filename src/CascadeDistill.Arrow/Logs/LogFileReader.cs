using Apache.Arrow;
using CascadeDistill.Arrow.Columns;
using CascadeDistill.Arrow.Features;
using CascadeDistill.Arrow.IO;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Logs;

/// <summary>
/// Streams the requests of one log file: one record batch in memory at a time, request ids compared as
/// bytes, rows copied out of the batch as spans. Validates the schema before the first request and every
/// request before it is handed out.
/// </summary>
internal static class LogFileReader
{
    public static IEnumerable<RequestBlock> Read(LogFileInfo file, LogReadRequest request, CancellationToken cancellationToken)
    {
        string path = file.Path;
        using ArrowBatchSource source = Open(path);
        LogFileLayout layout = LogFileLayout.Resolve(source.Schema, request, path);
        var pending = new PendingRequest(layout, path);
        var validator = new RequestValidator();
        var finished = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using RecordBatch? batch = ReadNext(source);
            if (batch is null)
            {
                break;
            }
            CheckNulls(layout, batch);
            var requestIds = (StringArray)batch.Column(layout.RequestId);
            int runStart = 0;
            for (int row = 1; row <= batch.Length; row++)
            {
                if (row < batch.Length && Utf8Rows.SameValue(requestIds, row, row - 1))
                {
                    continue;
                }
                // Rows [runStart, row) belong to one request; only a batch's first run can continue the pending one.
                if (runStart == 0 && pending.Continues(Utf8Rows.Bytes(requestIds, 0)))
                {
                    pending.Append(batch, runStart, row - runStart);
                }
                else
                {
                    if (!pending.IsEmpty)
                    {
                        RequestBlock block = Finish(pending, validator, finished, path);
                        cancellationToken.ThrowIfCancellationRequested();
                        yield return block;
                    }
                    string requestId = Utf8Rows.Text(requestIds, runStart);
                    if (finished.Contains(requestId))
                    {
                        throw new LogContractException(
                            path,
                            LogReasonCodes.NonContiguousRequest,
                            $"Request '{requestId}' appears again after rows of other requests; the rows of a request must be contiguous.");
                    }
                    pending.Start(requestId, batch, runStart);
                    pending.Append(batch, runStart, row - runStart);
                }
                runStart = row;
            }
        }
        if (!pending.IsEmpty)
        {
            yield return Finish(pending, validator, finished, path);
        }
    }

    private static RequestBlock Finish(PendingRequest pending, RequestValidator validator, HashSet<string> finished, string path)
    {
        RequestBlock block = pending.Complete();
        validator.Validate(block, path);
        finished.Add(block.RequestId);
        return block;
    }

    private static void CheckNulls(LogFileLayout layout, RecordBatch batch)
    {
        LogColumns columns = layout.Columns;
        CheckNoNulls(columns, batch, layout.RequestId);
        CheckNoNulls(columns, batch, layout.EventTime);
        CheckNoNulls(columns, batch, layout.UserId);
        CheckNoNulls(columns, batch, layout.ItemId);
        CheckNoNulls(columns, batch, layout.Position);
        foreach (int index in layout.TeacherLogits)
        {
            CheckNoNulls(columns, batch, index);
        }
        for (int i = 0; i < layout.FeatureColumns.Length; i++)
        {
            IArrowArray array = batch.Column(layout.FeatureColumns[i]);
            columns.RequireNoNulls(array, layout.FeatureColumns[i], FeatureArrowTypes.HasNulls(array));
        }
    }

    private static void CheckNoNulls(LogColumns columns, RecordBatch batch, int index)
    {
        IArrowArray array = batch.Column(index);
        columns.RequireNoNulls(array, index, array.NullCount > 0);
    }

    private static ArrowBatchSource Open(string path)
    {
        try
        {
            return ArrowBatchSource.Open(path);
        }
        catch (InvalidDataException exception)
        {
            throw Truncated(path, exception);
        }
    }

    private static RecordBatch? ReadNext(ArrowBatchSource source)
    {
        try
        {
            return source.ReadNext();
        }
        catch (InvalidDataException exception)
        {
            throw Truncated(source.Path, exception);
        }
    }

    private static LogContractException Truncated(string path, InvalidDataException exception) =>
        new(path, LogReasonCodes.TruncatedFile, exception.Message);
}
