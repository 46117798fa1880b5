using System.Text.RegularExpressions;

namespace CascadeDistill.Pipelines;

/// <summary>
/// The rules a <see cref="PipelineDefinition"/> must satisfy beyond its shape: ranges, closed sets,
/// unique names, and the rules that relate one section to another. Reports every problem at once.
/// </summary>
public static partial class PipelineDefinitionValidator
{
    /// <summary>Every problem of <paramref name="definition"/>; empty when it is valid.</summary>
    public static IReadOnlyList<PipelineDefinitionError> Validate(PipelineDefinition definition) =>
        Validate(definition, static _ => false);

    /// <summary>Throws a <see cref="PipelineDefinitionException"/> listing every problem, if there is any.</summary>
    public static void EnsureValid(PipelineDefinition definition, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        IReadOnlyList<PipelineDefinitionError> errors = Validate(definition);
        if (errors.Count > 0)
        {
            throw new PipelineDefinitionException(source, errors);
        }
    }

    /// <summary>As <see cref="Validate(PipelineDefinition)"/>, skipping findings about paths the reader could not read.</summary>
    internal static IReadOnlyList<PipelineDefinitionError> Validate(PipelineDefinition definition, Func<string, bool> isUnreliable)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var findings = new PipelineFindings(isUnreliable);
        ValidateName(findings, "name", definition.Name, "pipeline name");
        findings.Defined("stage", definition.Stage, PipelineVocabulary.Stages);
        ValidateLogs(findings, definition.Logs);
        ValidateFeatures(findings, definition.Features);
        ValidateDataset(findings, definition.Dataset, definition.Logs);
        ValidateStudent(findings, definition.Student);
        ValidateTraining(findings, definition.Training, definition.Dataset);
        ValidateInBatch(findings, definition.Dataset, definition.Training);
        ValidateGroundTruth(findings, definition.Dataset, definition.Logs, definition.Training);
        ValidateEvaluation(findings, definition.Evaluation);
        ValidateQuality(findings, definition.Quality);
        ValidateRanking(findings, definition.Dataset, definition.Training, definition.Logs);
        ValidateDistillationLoss(findings, definition.Dataset, definition.Training);
        ValidateHeads(findings, definition.Student, definition.Dataset, definition.Training);
        if (definition.Publish.ModelName != definition.Name)
        {
            // When equal (the default), the check of name covers it.
            ValidateName(findings, "publish.model_name", definition.Publish.ModelName, "model name");
        }
        findings.Positive("publish.parity_tolerance", definition.Publish.ParityTolerance);
        if (definition.Publish.ParityTolerance > 1)
        {
            findings.Report("publish.parity_tolerance", $"must be at most 1 (got {PipelineFindings.Text(definition.Publish.ParityTolerance)})");
        }
        return findings.Errors;
    }

    private static void ValidateName(PipelineFindings findings, string path, string name, string what, params ReadOnlySpan<string> dependsOn)
    {
        if (name.Length == 0)
        {
            findings.Report(path, "must not be empty", dependsOn);
        }
        else if (name.Length > PipelineLimits.MaxNameLength || !PipelineName().IsMatch(name))
        {
            findings.Report(path,
                $"'{name}' is not a valid {what}: use at most {PipelineFindings.Text(PipelineLimits.MaxNameLength)} lowercase letters, digits, '-' or '_', starting with a letter or digit",
                dependsOn);
        }
    }

    private static void ValidateLogs(PipelineFindings findings, LogWindowDefinition logs)
    {
        findings.InRange("logs.window_days", logs.WindowDays, 1, PipelineLimits.MaxWindowDays);
        findings.InRange("logs.holdout_days", logs.HoldoutDays, 1, int.MaxValue);
        if (logs.HoldoutDays >= 1 && logs.WindowDays >= 1 && logs.HoldoutDays >= logs.WindowDays)
        {
            findings.Report("logs.holdout_days",
                $"must be less than logs.window_days ({PipelineFindings.Text(logs.WindowDays)}) so that some days remain for training (got {PipelineFindings.Text(logs.HoldoutDays)})",
                "logs.window_days");
        }
        if (logs.Objectives.Count == 0)
        {
            findings.Report("logs.objectives", "must list at least one teacher objective");
        }
        ValidateIdentifiers(findings, "logs.objectives", logs.Objectives, "objective");
    }

    /// <summary>Each name is a lowercase identifier and appears once.</summary>
    private static void ValidateIdentifiers(PipelineFindings findings, string listPath, IReadOnlyList<string> names, string what)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            string path = PipelinePath.Item(listPath, i);
            if (!IsIdentifier(names[i]))
            {
                findings.Report(path, $"'{names[i]}' is not a valid {what} name: use lowercase letters, digits and '_', starting with a letter (at most {PipelineFindings.Text(PipelineLimits.MaxNameLength)})");
            }
            else if (!seen.TryAdd(names[i], i))
            {
                findings.Report(path, $"duplicate {what} '{names[i]}' (first at {PipelinePath.Item(listPath, seen[names[i]])})");
            }
        }
    }

    private static bool IsIdentifier(string name) =>
        name.Length <= PipelineLimits.MaxNameLength && Identifier().IsMatch(name);

    [GeneratedRegex(PipelineLimits.NamePattern)]
    private static partial Regex PipelineName();

    [GeneratedRegex(PipelineLimits.IdentifierPattern)]
    private static partial Regex Identifier();
}
