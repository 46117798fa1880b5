using Apache.Arrow;
using Apache.Arrow.Types;
using CascadeDistill.Arrow.Features;
using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Logs;

/// <summary>
/// The Arrow schema of a log file written for a <see cref="LogWriteSchema"/>, in column order: request_id,
/// event_time, user_id, item_id, position, [rerank_position], teacher.*, [label.*], feature columns.
/// </summary>
internal sealed class LogWriteLayout
{
    private static readonly TimestampType s_eventTimeType = new(TimeUnit.Millisecond, "UTC");

    private LogWriteLayout(LogWriteSchema schema, FeatureDefinition[] features)
    {
        Objectives = [.. schema.Objectives];
        HasLabels = schema.HasLabels;
        HasRerankPosition = schema.HasRerankPosition;
        Features = features;
        var fields = new List<Field>
        {
            new(LogContract.RequestId, StringType.Default, nullable: false),
            new(LogContract.EventTime, s_eventTimeType, nullable: false),
            new(LogContract.UserId, Int64Type.Default, nullable: false),
            new(LogContract.ItemId, Int64Type.Default, nullable: false),
            new(LogContract.Position, Int32Type.Default, nullable: false),
        };
        if (HasRerankPosition)
        {
            fields.Add(new Field(LogContract.RerankPosition, Int32Type.Default, nullable: true));
        }
        fields.AddRange(Objectives.Select(o => new Field(LogContract.TeacherLogitColumn(o), FloatType.Default, nullable: false)));
        if (HasLabels)
        {
            fields.AddRange(Objectives.Select(o => new Field(LogContract.LabelColumn(o), FloatType.Default, nullable: true)));
        }
        fields.AddRange(features.Select(f => new Field(f.Column, FeatureArrowTypes.For(f.Kind), nullable: false)));
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LogContract.VersionMetadataKey] = LogContract.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [LogContract.ObjectivesMetadataKey] = string.Join(',', Objectives),
        };
        Schema = new Schema(fields, metadata);
    }

    public Schema Schema { get; }

    public static TimestampType EventTimeType => s_eventTimeType;

    public string[] Objectives { get; }

    public bool HasLabels { get; }

    public bool HasRerankPosition { get; }

    /// <summary>Features whose column is written (one per distinct column; user_id / item_id come from the block itself).</summary>
    public FeatureDefinition[] Features { get; }

    /// <exception cref="ArgumentException">The schema cannot be written under the contract.</exception>
    public static LogWriteLayout Create(LogWriteSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Objectives.Count == 0)
        {
            throw new ArgumentException("A log needs at least one teacher objective.", nameof(schema));
        }
        var objectives = new HashSet<string>(StringComparer.Ordinal);
        foreach (string objective in schema.Objectives)
        {
            if (string.IsNullOrEmpty(objective) || objective.Contains(',', StringComparison.Ordinal) || !objectives.Add(objective))
            {
                throw new ArgumentException($"Objective '{objective}' is empty, contains ',' or is listed twice.", nameof(schema));
            }
        }
        return new LogWriteLayout(schema, WrittenFeatures(schema));
    }

    private static FeatureDefinition[] WrittenFeatures(LogWriteSchema schema)
    {
        var byColumn = new Dictionary<string, FeatureDefinition>(StringComparer.Ordinal);
        var written = new List<FeatureDefinition>();
        foreach (FeatureDefinition feature in schema.Features)
        {
            ArgumentNullException.ThrowIfNull(feature);
            string column = feature.Column;
            if (column is LogContract.UserId or LogContract.ItemId)
            {
                if (feature.Kind != FeatureKind.Categorical)
                {
                    throw new ArgumentException($"Feature '{feature.Name}' reads '{column}' (int64) but is {feature.Kind}.", nameof(schema));
                }
                continue;
            }
            if (string.IsNullOrEmpty(column) || IsReserved(column))
            {
                throw new ArgumentException($"Feature '{feature.Name}' cannot use column '{column}'.", nameof(schema));
            }
            if (byColumn.TryGetValue(column, out FeatureDefinition? earlier))
            {
                if (earlier.Kind != feature.Kind)
                {
                    throw new ArgumentException(
                        $"Features '{earlier.Name}' and '{feature.Name}' read column '{column}' as {earlier.Kind} and {feature.Kind}.", nameof(schema));
                }
                continue;
            }
            byColumn.Add(column, feature);
            written.Add(feature);
        }
        return [.. written];
    }

    private static bool IsReserved(string column) =>
        column is LogContract.RequestId or LogContract.EventTime or LogContract.Position or LogContract.RerankPosition
        || column.StartsWith(LogContract.TeacherLogitPrefix, StringComparison.Ordinal)
        || column.StartsWith(LogContract.LabelPrefix, StringComparison.Ordinal);
}
