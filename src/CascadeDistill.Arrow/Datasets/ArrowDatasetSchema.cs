using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using CascadeDistill.Arrow.Features;
using CascadeDistill.Features;

namespace CascadeDistill.Arrow.Datasets;

/// <summary>
/// The one schema of a distillation dataset file: request_id utf8, item_id int64, position int32,
/// label float32, weight float32, soft_label float32 (NaN allowed), teacher_logit float32, then one column
/// per feature named by <see cref="FeatureDefinition.Name"/> and typed by its kind. No column is nullable.
/// A categorical feature named <c>item_id</c> is the item id itself and is stored once, in the item_id column.
/// </summary>
public static class ArrowDatasetSchema
{
    public const int Version = 1;
    public const string VersionMetadataKey = "cascade_distill.dataset_format_version";

    public const string RequestId = "request_id";
    public const string ItemId = "item_id";
    public const string Position = "position";
    public const string Label = "label";
    public const string Weight = "weight";
    public const string SoftLabel = "soft_label";
    public const string TeacherLogit = "teacher_logit";

    /// <summary>The fixed columns, in file order.</summary>
    public static IReadOnlyList<string> FixedColumns { get; } =
        [RequestId, ItemId, Position, Label, Weight, SoftLabel, TeacherLogit];

    /// <summary>The column of an objective's own teacher logit (datasets of per-objective heads): <c>teacher.OBJECTIVE</c>, float32, after the features.</summary>
    public static string ObjectiveLogit(string objective) => "teacher." + objective;

    /// <exception cref="ArgumentException">A feature name is empty, repeated or collides with a fixed column.</exception>
    public static Schema Create(IReadOnlyList<FeatureDefinition> features) => Create(features, []);

    /// <summary>The schema with one <see cref="ObjectiveLogit"/> column per objective after the features.</summary>
    public static Schema Create(IReadOnlyList<FeatureDefinition> features, IReadOnlyList<string> objectives)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(features);
        var names = new HashSet<string>(FixedColumns, StringComparer.Ordinal);
        foreach (FeatureDefinition feature in features)
        {
            ArgumentNullException.ThrowIfNull(feature);
            if (!SharesItemIdColumn(feature) && (string.IsNullOrEmpty(feature.Name) || !names.Add(feature.Name)))
            {
                throw new ArgumentException($"Feature name '{feature.Name}' is empty, repeated or a fixed dataset column.", nameof(features));
            }
        }
        var fields = new List<Field>
        {
            new(RequestId, StringType.Default, nullable: false),
            new(ItemId, Int64Type.Default, nullable: false),
            new(Position, Int32Type.Default, nullable: false),
            new(Label, FloatType.Default, nullable: false),
            new(Weight, FloatType.Default, nullable: false),
            new(SoftLabel, FloatType.Default, nullable: false),
            new(TeacherLogit, FloatType.Default, nullable: false),
        };
        fields.AddRange(StoredFeatures(features).Select(f => new Field(f.Name, FeatureArrowTypes.For(f.Kind), nullable: false)));
        foreach (string objective in objectives)
        {
            if (!names.Add(ObjectiveLogit(objective)))
            {
                throw new ArgumentException($"Objective '{objective}' is repeated or its column collides with a feature.", nameof(objectives));
            }
            fields.Add(new Field(ObjectiveLogit(objective), FloatType.Default, nullable: false));
        }
        return new Schema(fields, new Dictionary<string, string>
        {
            [VersionMetadataKey] = Version.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>True for the categorical feature named <c>item_id</c>: its values are the item ids, read from the item_id column.</summary>
    public static bool SharesItemIdColumn(FeatureDefinition feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return feature.Name == ItemId && feature.Kind == FeatureKind.Categorical;
    }

    /// <summary>The features that have a column of their own, in order.</summary>
    public static IReadOnlyList<FeatureDefinition> StoredFeatures(IReadOnlyList<FeatureDefinition> features) =>
        [.. features.Where(f => !SharesItemIdColumn(f))];
}
