namespace CascadeDistill.Logs;

/// <summary>
/// Log contract v1 (docs/log-format.md): what a serving system logs for distillation. One row per
/// (request, candidate) in Arrow IPC files under <c>dt=YYYY-MM-DD/</c>; the rows of a request are contiguous.
/// </summary>
public static class LogContract
{
    public const int Version = 1;

    /// <summary>Schema metadata key carrying <see cref="Version"/>.</summary>
    public const string VersionMetadataKey = "cascade_distill.log_format_version";

    /// <summary>Schema metadata key listing the teacher objectives, comma separated, in fusion order.</summary>
    public const string ObjectivesMetadataKey = "cascade_distill.objectives";

    public const string RequestId = "request_id";        // utf8, not null
    public const string EventTime = "event_time";        // timestamp[ms, UTC], not null
    public const string UserId = "user_id";              // int64, not null
    public const string ItemId = "item_id";              // int64, not null
    public const string Position = "position";           // int32, not null; 1-based in the final list, 0 = scored but cut
    public const string RerankPosition = "rerank_position"; // optional int32, nullable; 1-based after re-ranking, 0 = cut

    /// <summary>float32, not null, finite: the teacher's logit for one objective.</summary>
    public const string TeacherLogitPrefix = "teacher.";

    /// <summary>Optional float32, nullable: ground truth for one objective (1 = positive, 0 = negative, null = unknown).</summary>
    public const string LabelPrefix = "label.";

    /// <summary>Conventional prefixes for feature columns; a pipeline names the columns it reads.</summary>
    public const string UserFeaturePrefix = "user.";
    public const string ItemFeaturePrefix = "item.";

    /// <summary>The position value of a candidate the teacher scored but that did not reach the final list.</summary>
    public const int PositionCut = 0;

    /// <summary>Folder name of one day's partition.</summary>
    public static string PartitionFolder(DateOnly day) => "dt=" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string TeacherLogitColumn(string objective) => TeacherLogitPrefix + objective;

    public static string LabelColumn(string objective) => LabelPrefix + objective;
}
