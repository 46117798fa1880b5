using CascadeDistill.Imports;
using CascadeDistill.Parquet.Simulation;
using CascadeDistill.Simulation;

namespace CascadeDistill.Cli.Commands;

/// <summary><c>simulate --export</c>: the simulator's logs as one flat Parquet, CSV or JSON Lines file (rows shuffled across requests in windows) plus its mapping — input for trying and benchmarking the import.</summary>
public static class SimulatedExport
{
    /// <summary>Rows shuffled together (whole requests); bounds the memory of the export.</summary>
    public const int ShuffleWindowRows = 100_000;

    /// <summary>Rows per Parquet row group.</summary>
    public const int RowGroupRows = 100_000;

    /// <returns>The rows written.</returns>
    public static long Write(string format, string path, SimulationOptions options, CancellationToken cancellationToken)
    {
        ImportFormat importFormat = format switch
        {
            "parquet" => ImportFormat.Parquet,
            "csv" => ImportFormat.Csv,
            "jsonl" => ImportFormat.Jsonl,
            _ => throw new UsageException($"--export must be parquet, csv or jsonl (got '{format}')."),
        };
        var simulator = new LogSimulator(options);
        IEnumerable<object?[]> rows = SimulatedLogExport.ShuffledRows(
            simulator.Days.SelectMany(simulator.SimulateDay).Select(block =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return block;
            }),
            ShuffleWindowRows,
            options.Seed);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        long written = importFormat switch
        {
            ImportFormat.Parquet => SimulatedParquetExport.Write(path, rows, RowGroupRows),
            ImportFormat.Csv => SimulatedLogExport.WriteCsv(path, rows),
            _ => SimulatedLogExport.WriteJsonl(path, rows),
        };
        File.WriteAllText(path + ".mapping.yaml", SimulatedLogExport.Mapping(importFormat));
        return written;
    }
}
