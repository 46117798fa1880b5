using CascadeDistill.Features;
using CascadeDistill.Simulation;
using ParquetSharp;

namespace CascadeDistill.Parquet.Simulation;

/// <summary>
/// Writes <see cref="SimulatedLogExport"/> rows as a Parquet file, <c>rowGroupRows</c> rows per row group:
/// the event time as a UTC millisecond timestamp, ids as int64, positions as int32 (re-rank optional),
/// logits as float, labels as optional float (unknown = null), multi-valued features as <c>list&lt;int64&gt;</c>.
/// </summary>
public static class SimulatedParquetExport
{
    /// <returns>The rows written.</returns>
    public static long Write(string path, IEnumerable<object?[]> rows, int rowGroupRows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowGroupRows);
        using var writer = new ParquetFileWriter(path, Columns(), Compression.Snappy);
        var group = new List<object?[]>(rowGroupRows);
        long count = 0;
        foreach (object?[] row in rows)
        {
            group.Add(row);
            if (group.Count == rowGroupRows)
            {
                WriteGroup(writer, group);
                count += group.Count;
                group.Clear();
            }
        }
        if (group.Count > 0)
        {
            WriteGroup(writer, group);
            count += group.Count;
        }
        writer.Close();
        return count;
    }

    private static Column[] Columns()
    {
        string[] header = SimulatedLogExport.Header();
        var columns = new List<Column>
        {
            new Column<string>(header[0]),
            new Column<DateTime>(header[1], LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Millis)),
            new Column<long>(header[2]),
            new Column<long>(header[3]),
            new Column<int>(header[4]),
            new Column<int?>(header[5]),
            new Column<float>(header[6]),
            new Column<float>(header[7]),
            new Column<float?>(header[8]),
            new Column<float?>(header[9]),
        };
        for (int f = 0; f < SimulatedLogExport.Features.Length; f++)
        {
            string name = header[10 + f];
            columns.Add(SimulatedLogExport.Features[f].Kind switch
            {
                FeatureKind.Categorical => new Column<long>(name),
                FeatureKind.MultiCategorical => new Column<long[]>(name),
                _ => new Column<float>(name),
            });
        }
        return [.. columns];
    }

    private static void WriteGroup(ParquetFileWriter writer, List<object?[]> rows)
    {
        using RowGroupWriter group = writer.AppendRowGroup();
        Write(group, rows.Select(r => (string)r[0]!));
        Write(group, rows.Select(r => ((DateTimeOffset)r[1]!).UtcDateTime));
        Write(group, rows.Select(r => (long)r[2]!));
        Write(group, rows.Select(r => (long)r[3]!));
        Write(group, rows.Select(r => (int)r[4]!));
        Write(group, rows.Select(r => (int?)r[5]));
        Write(group, rows.Select(r => (float)r[6]!));
        Write(group, rows.Select(r => (float)r[7]!));
        Write(group, rows.Select(r => r[8] is float y && !float.IsNaN(y) ? y : (float?)null));
        Write(group, rows.Select(r => r[9] is float y && !float.IsNaN(y) ? y : (float?)null));
        for (int f = 0; f < SimulatedLogExport.Features.Length; f++)
        {
            int cell = 10 + f;
            switch (SimulatedLogExport.Features[f].Kind)
            {
                case FeatureKind.Categorical:
                    Write(group, rows.Select(r => (long)r[cell]!));
                    break;
                case FeatureKind.MultiCategorical:
                    Write(group, rows.Select(r => (long[])r[cell]!));
                    break;
                default:
                    Write(group, rows.Select(r => (float)r[cell]!));
                    break;
            }
        }
    }

    private static void Write<T>(RowGroupWriter group, IEnumerable<T> values)
    {
        using LogicalColumnWriter<T> column = group.NextColumn().LogicalWriter<T>();
        column.WriteBatch([.. values]);
    }
}
