using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CascadeDistill.Imports;

/// <summary>
/// Reads an import mapping file (docs/import.md). Every problem — YAML syntax, unknown or missing
/// keys, wrong types, reserved or repeated names — is reported at once in one
/// <see cref="ImportMappingException"/>, each with its path and line, like the pipeline loader.
/// </summary>
public static class ImportMappingLoader
{
    private static readonly string[] s_rootKeys =
        ["request_id", "event_time", "user_id", "item_id", "position", "rerank_position", "teacher", "labels", "features", "min_candidates"];

    private static readonly KeyValuePair<string, EventTimeFormat>[] s_timeFormats =
        [new("iso8601", EventTimeFormat.Iso8601), new("epoch_ms", EventTimeFormat.EpochMilliseconds)];

    private static readonly KeyValuePair<string, FeatureKind>[] s_kinds =
    [
        new("categorical", FeatureKind.Categorical),
        new("multi_categorical", FeatureKind.MultiCategorical),
        new("numeric", FeatureKind.Numeric),
    ];

    private static readonly string[] s_reserved =
        [LogContract.RequestId, LogContract.EventTime, LogContract.UserId, LogContract.ItemId, LogContract.Position, LogContract.RerankPosition];

    /// <exception cref="ImportMappingException">The file is not a valid mapping.</exception>
    public static ImportMappingDefinition Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <exception cref="ImportMappingException">The text is not a valid mapping.</exception>
    public static ImportMappingDefinition Parse(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // YamlException has no slot for an inner exception; its message and position are kept in the error.
            throw Fatal(sourceName, $"is not valid YAML: {e.Message}");
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Fatal(sourceName, "must hold exactly one YAML mapping (see docs/import.md)");
        }
        var errors = new PipelineErrorList();
        var findings = new List<PipelineDefinitionError>();
        var reader = YamlMappingReader.Open(errors, "", root, s_rootKeys);
        var definition = new ImportMappingDefinition(
            reader.String("request_id"),
            ReadEventTime(reader),
            reader.String("user_id"),
            reader.String("item_id"),
            ReadPosition(reader, "position", required: true)!,
            ReadPosition(reader, "rerank_position", required: false),
            ReadObjectives(reader, "teacher", required: true, findings),
            ReadObjectives(reader, "labels", required: false, findings),
            ReadFeatures(reader, findings))
        {
            MinCandidates = reader.Int("min_candidates", 1),
        };
        if (definition.MinCandidates < 1)
        {
            findings.Add(new PipelineDefinitionError("min_candidates", "must be at least 1"));
        }
        HashSet<string> objectives = definition.Teacher.Select(t => t.Objective).ToHashSet(StringComparer.Ordinal);
        foreach (ObjectiveMapping label in definition.Labels.Where(l => !objectives.Contains(l.Objective)))
        {
            findings.Add(new PipelineDefinitionError("labels." + label.Objective, "has no teacher logit; labels are only written for objectives under 'teacher'"));
        }
        if (errors.Count > 0 || findings.Count > 0)
        {
            throw new ImportMappingException(sourceName, errors.Merge(findings));
        }
        return definition;
    }

    private static EventTimeMapping ReadEventTime(YamlMappingReader reader)
    {
        YamlMappingReader? time = reader.Mapping("event_time", ["column", "format"], required: true);
        return time is null
            ? new EventTimeMapping("", EventTimeFormat.Iso8601)
            : new EventTimeMapping(time.String("column"), time.Word("format", s_timeFormats));
    }

    private static PositionMapping? ReadPosition(YamlMappingReader reader, string key, bool required)
    {
        YamlMappingReader? position = reader.Mapping(key, ["column", "cut"], required);
        if (position is null)
        {
            return required ? new PositionMapping("", "0") : null;
        }
        return new PositionMapping(position.String("column"), position.String("cut", "0").Trim());
    }

    private static ObjectiveMapping[] ReadObjectives(YamlMappingReader reader, string key, bool required, List<PipelineDefinitionError> findings)
    {
        YamlMappingReader? map = reader.Mapping(key, allowedKeys: null, required);
        if (map is null)
        {
            return [];
        }
        if (required && map.Keys.Count == 0)
        {
            findings.Add(new PipelineDefinitionError(key, "must name at least one objective"));
        }
        return [.. map.Keys.Select(objective => new ObjectiveMapping(objective, map.String(objective)))];
    }

    private static ImportFeatureMapping[] ReadFeatures(YamlMappingReader reader, List<PipelineDefinitionError> findings)
    {
        if (reader.Sequence("features", required: false) is not { } items)
        {
            return [];
        }
        var features = new List<ImportFeatureMapping>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach ((YamlNode node, string path) in items)
        {
            if (node is not YamlMappingNode mapping)
            {
                findings.Add(new PipelineDefinitionError(path, "must be a mapping with name, column and kind"));
                continue;
            }
            var item = YamlMappingReader.Open(reader.Errors, path, mapping, ["name", "column", "kind", "delimiter"]);
            string name = item.String("name");
            FeatureKind kind = item.Word("kind", s_kinds);
            string? delimiter = item.Has("delimiter") ? item.String("delimiter") : null;
            if (s_reserved.Contains(name, StringComparer.Ordinal)
                || name.StartsWith(LogContract.TeacherLogitPrefix, StringComparison.Ordinal)
                || name.StartsWith(LogContract.LabelPrefix, StringComparison.Ordinal))
            {
                findings.Add(new PipelineDefinitionError(path + ".name", $"'{name}' is a reserved log column (request, user and item ids are mapped at the top level)"));
            }
            else if (name.Length > 0 && !names.Add(name))
            {
                findings.Add(new PipelineDefinitionError(path + ".name", $"'{name}' is declared twice"));
            }
            if (delimiter is not null && (kind != FeatureKind.MultiCategorical || delimiter.Length == 0))
            {
                findings.Add(new PipelineDefinitionError(path + ".delimiter", "is only for multi_categorical features and may not be empty"));
            }
            features.Add(new ImportFeatureMapping(name, item.String("column"), kind, delimiter));
        }
        return [.. features];
    }

    private static ImportMappingException Fatal(string sourceName, string message) =>
        new(sourceName, [new PipelineDefinitionError(PipelinePath.Document, message)]);
}
