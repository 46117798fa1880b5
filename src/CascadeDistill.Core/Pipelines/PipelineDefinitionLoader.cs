using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CascadeDistill.Pipelines;

/// <summary>
/// Reads pipeline files (docs/pipelines.md) into <see cref="PipelineDefinition"/>s. A file with any
/// problem — YAML syntax, unknown or missing keys, wrong types, values out of range, rules between
/// sections — fails with one <see cref="PipelineDefinitionException"/> that lists them all, each
/// with its path (<c>features[2].hash_buckets</c>) and line.
/// </summary>
public static class PipelineDefinitionLoader
{
    /// <summary>Reads and validates the pipeline file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="PipelineDefinitionException">The file is not a valid pipeline.</exception>
    public static PipelineDefinition Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates pipeline YAML; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="PipelineDefinitionException">The text is not a valid pipeline.</exception>
    public static PipelineDefinition Parse(string yaml, string sourceName) => Parse(yaml, sourceName, expectedName: null);

    /// <summary>As <see cref="Parse(string, string)"/>; also requires <c>name:</c> to equal <paramref name="expectedName"/> when given.</summary>
    internal static PipelineDefinition Parse(string yaml, string sourceName, string? expectedName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);

        YamlMappingNode root = ReadRoot(yaml, sourceName);
        var errors = new PipelineErrorList();
        PipelineDefinition definition = new PipelineYamlParser(errors).Parse(root);
        var findings = new List<PipelineDefinitionError>(PipelineDefinitionValidator.Validate(definition, errors.IsUnreliable));
        if (expectedName is not null && definition.Name != expectedName && !errors.IsUnreliable("name"))
        {
            findings.Add(new PipelineDefinitionError("name", $"must match the file name: '{expectedName}.yaml' declares name '{definition.Name}'"));
        }
        if (errors.Count > 0 || findings.Count > 0)
        {
            throw new PipelineDefinitionException(sourceName, errors.Merge(findings));
        }
        return definition;
    }

    /// <summary>The root mapping of the single YAML document of <paramref name="yaml"/>.</summary>
    private static YamlMappingNode ReadRoot(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            // The exception type has no inner-exception slot; the parser's message and position are kept in the error.
            throw Fatal(sourceName, $"is not valid YAML: {e.Message}{AtLine(e.Start)}");
        }
        if (stream.Documents.Count == 0)
        {
            throw Fatal(sourceName, "is empty; a pipeline is a YAML mapping of sections (see docs/pipelines.md)");
        }
        if (stream.Documents.Count > 1)
        {
            throw Fatal(sourceName, $"must hold one YAML document, found {stream.Documents.Count.ToString(CultureInfo.InvariantCulture)} (remove the '---' separators){AtLine(stream.Documents[1].RootNode.Start)}");
        }
        YamlNode rootNode = stream.Documents[0].RootNode;
        return rootNode as YamlMappingNode
            ?? throw Fatal(sourceName, $"must be a YAML mapping of sections (got {YamlValues.Describe(rootNode)}){AtLine(rootNode.Start)}");
    }

    private static PipelineDefinitionException Fatal(string sourceName, string message) =>
        new(sourceName, [new PipelineDefinitionError(PipelinePath.Document, message)]);

    private static string AtLine(Mark mark) =>
        mark.Line > 0 ? " (line " + mark.Line.ToString(CultureInfo.InvariantCulture) + ")" : "";
}
