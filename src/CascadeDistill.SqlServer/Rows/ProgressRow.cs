using CascadeDistill.Registry;

namespace CascadeDistill.SqlServer.Rows;

/// <summary>A <c>cascade_distill.run_progress</c> row as Dapper reads it.</summary>
internal sealed class ProgressRow
{
    public const string Columns =
        "run_id AS RunId, stage AS Stage, fraction AS Fraction, [rows] AS Rows, epoch AS Epoch, epochs AS Epochs, " +
        "loss AS Loss, message AS Message, updated_at AS UpdatedAt";

    public string RunId { get; set; } = string.Empty;

    public string Stage { get; set; } = string.Empty;

    public double? Fraction { get; set; }

    public long? Rows { get; set; }

    public int? Epoch { get; set; }

    public int? Epochs { get; set; }

    public double? Loss { get; set; }

    public string Message { get; set; } = string.Empty;

    public DateTime UpdatedAt { get; set; }

    public RunProgress ToRecord() => new(
        SqlServerValues.ParseEnum<RunStage>(Stage),
        Fraction,
        Rows,
        Epoch,
        Epochs,
        Loss,
        Message,
        SqlServerValues.ReadTime(UpdatedAt));
}
