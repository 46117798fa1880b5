using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Tests.Logs;

/// <summary>
/// Builds log files directly with Apache.Arrow, bypassing the store's writer, so tests can produce files
/// that break one rule of the contract at a time. <see cref="Valid"/> is a small file that obeys it.
/// </summary>
internal sealed class RawLogFile
{
    private readonly List<(Field Field, IArrowArray Array)> _columns = [];

    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal)
    {
        [LogContract.VersionMetadataKey] = "1",
        [LogContract.ObjectivesMetadataKey] = "click",
    };

    /// <summary>Two requests: r1 (items 10, 11, 12 at positions 1, 2, cut) and r2 (items 20, 21 at 2, 1).</summary>
    public static RawLogFile Valid() => new RawLogFile()
        .Set(LogContract.RequestId, Strings("r1", "r1", "r1", "r2", "r2"))
        .Set(LogContract.EventTime, Timestamps(new TimestampType(TimeUnit.Millisecond, "UTC"), 5))
        .Set(LogContract.UserId, Int64s(7, 7, 7, 8, 8))
        .Set(LogContract.ItemId, Int64s(10, 11, 12, 20, 21))
        .Set(LogContract.Position, Int32s(1, 2, 0, 2, 1))
        .Set(LogContract.TeacherLogitColumn("click"), Floats(0.5f, -1f, 2f, 0.25f, 3f));

    /// <summary>Adds the column, or replaces the one of that name (keeping its place).</summary>
    public RawLogFile Set(string name, IArrowArray array)
    {
        var field = new Field(name, array.Data.DataType, nullable: true);
        int index = _columns.FindIndex(c => c.Field.Name == name);
        if (index >= 0)
        {
            _columns[index] = (field, array);
        }
        else
        {
            _columns.Add((field, array));
        }
        return this;
    }

    public RawLogFile Remove(string name)
    {
        _columns.RemoveAll(c => c.Field.Name == name);
        return this;
    }

    public RawLogFile WithoutMetadata(string key)
    {
        Metadata.Remove(key);
        return this;
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var schema = new Schema(_columns.Select(c => c.Field), Metadata);
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, schema);
        using var batch = new RecordBatch(schema, _columns.Select(c => c.Array), _columns[0].Array.Length);
        writer.WriteRecordBatch(batch);
        writer.WriteEnd();
    }

    public static StringArray Strings(params string[] values) => new StringArray.Builder().AppendRange(values).Build();

    public static Int64Array Int64s(params long[] values) => new Int64Array.Builder().AppendRange(values).Build();

    public static Int32Array Int32s(params int[] values) => new Int32Array.Builder().AppendRange(values).Build();

    public static FloatArray Floats(params float[] values) => new FloatArray.Builder().AppendRange(values).Build();

    public static Int64Array Int64sWithNullAt(int nullRow, params long[] values)
    {
        var builder = new Int64Array.Builder();
        for (int i = 0; i < values.Length; i++)
        {
            if (i == nullRow)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(values[i]);
            }
        }
        return builder.Build();
    }

    public static TimestampArray Timestamps(TimestampType type, int count)
    {
        var builder = new TimestampArray.Builder(type);
        var start = new DateTimeOffset(2025, 3, 14, 8, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < count; i++)
        {
            builder.Append(start.AddSeconds(i / 3));
        }
        return builder.Build();
    }
}
