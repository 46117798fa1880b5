using Apache.Arrow;
using CascadeDistill.Arrow.Features;
using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Logs;

/// <summary>Where, in one log file, each column a <see cref="LogReadRequest"/> needs lives; validated against the contract.</summary>
internal sealed class LogFileLayout
{
    private LogFileLayout(LogColumns columns, LogReadRequest request)
    {
        Columns = columns;
        RequestId = columns.Require(LogContract.RequestId, "utf8", LogColumns.IsUtf8);
        EventTime = columns.Require(LogContract.EventTime, "timestamp[ms, UTC]", LogColumns.IsUtcMilliseconds);
        UserId = columns.Require(LogContract.UserId, "int64", LogColumns.IsInt64);
        ItemId = columns.Require(LogContract.ItemId, "int64", LogColumns.IsInt64);
        Position = columns.Require(LogContract.Position, "int32", LogColumns.IsInt32);
        RerankPosition = columns.Optional(LogContract.RerankPosition, "int32", LogColumns.IsInt32);
        Objectives = [.. request.Objectives];
        TeacherLogits = new int[Objectives.Length];
        Labels = new int[Objectives.Length];
        for (int i = 0; i < Objectives.Length; i++)
        {
            TeacherLogits[i] = columns.Require(LogContract.TeacherLogitColumn(Objectives[i]), "float32", LogColumns.IsFloat32);
            Labels[i] = request.ReadLabels
                ? columns.Optional(LogContract.LabelColumn(Objectives[i]), "float32", LogColumns.IsFloat32)
                : -1;
        }
        Features = [.. request.Features];
        FeatureColumns = new int[Features.Length];
        for (int i = 0; i < Features.Length; i++)
        {
            FeatureKind kind = Features[i].Kind;
            FeatureColumns[i] = columns.Require(
                Features[i].Column,
                FeatureArrowTypes.Describe(kind),
                type => FeatureArrowTypes.Matches(kind, type));
        }
    }

    public LogColumns Columns { get; }

    public int RequestId { get; }

    public int EventTime { get; }

    public int UserId { get; }

    public int ItemId { get; }

    public int Position { get; }

    /// <summary>-1 when the file has no rerank_position column.</summary>
    public int RerankPosition { get; }

    public string[] Objectives { get; }

    public int[] TeacherLogits { get; }

    /// <summary>Per objective; -1 when labels are not read or the file has no label column for it.</summary>
    public int[] Labels { get; }

    public FeatureDefinition[] Features { get; }

    public int[] FeatureColumns { get; }

    public static LogFileLayout Resolve(Schema schema, LogReadRequest request, string file)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new LogFileLayout(LogColumns.Open(schema, file), request);
    }
}
