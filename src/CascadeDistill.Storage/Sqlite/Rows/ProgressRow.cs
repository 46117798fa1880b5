using CascadeDistill.Registry;

namespace CascadeDistill.Storage.Sqlite.Rows;

/// <summary>A <c>run_progress</c> row as Dapper reads it.</summary>
internal sealed class ProgressRow
{
    public const string Columns =
        "run_id AS RunId, stage AS Stage, fraction AS Fraction, rows AS Rows, epoch AS Epoch, epochs AS Epochs, " +
        "loss AS Loss, message AS Message, updated_at AS UpdatedAt";

    public string RunId { get; set; } = string.Empty;

    public string Stage { get; set; } = string.Empty;

    public double? Fraction { get; set; }

    public long? Rows { get; set; }

    public long? Epoch { get; set; }

    public long? Epochs { get; set; }

    public double? Loss { get; set; }

    public string Message { get; set; } = string.Empty;

    public string UpdatedAt { get; set; } = string.Empty;

    public RunProgress ToRecord() => new(
        SqliteText.ParseEnum<RunStage>(Stage),
        Fraction,
        Rows,
        Epoch is { } epoch ? checked((int)epoch) : null,
        Epochs is { } epochs ? checked((int)epochs) : null,
        Loss,
        Message,
        SqliteText.ParseTime(UpdatedAt));
}
