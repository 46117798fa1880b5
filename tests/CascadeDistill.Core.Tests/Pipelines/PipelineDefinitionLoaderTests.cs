using CascadeDistill.Features;
using CascadeDistill.Pipelines;
using CascadeDistill.Testing;

namespace CascadeDistill.Core.Tests.Pipelines;

public sealed class PipelineDefinitionLoaderTests
{
    [Fact]
    public void Parse_FullDefinition_ReadsEveryValue()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(PipelineYaml.Full, "full.yaml");

        Assert.Equal("full", definition.Name);
        Assert.Equal("Every key given.", definition.Description);
        Assert.Equal(StudentStage.Recall, definition.Stage);
        Assert.Equal(new LogWindowDefinition(7, 2, definition.Logs.Objectives, false), definition.Logs);
        Assert.Equal(["click", "finish"], definition.Logs.Objectives);
        Assert.Equal(
            [
                new FeatureDefinition("user_id", FeatureSide.User, FeatureKind.Categorical, "user_id", 4096, 16, 0),
                new FeatureDefinition("segment", FeatureSide.User, FeatureKind.Categorical, "user.segment", 64, 8, 0),
                new FeatureDefinition("tags", FeatureSide.Item, FeatureKind.MultiCategorical, "item.tags", 512, 8, 8),
                new FeatureDefinition("price", FeatureSide.Item, FeatureKind.Numeric, "item.price", 0, 0, 0),
            ],
            definition.Features);
        Assert.Equal("pointwise", definition.Dataset.Recipe);
        Assert.Equal(10, definition.Dataset.TopK);
        Assert.Equal(new PositionWeightDefinition(PositionWeightFunction.Inverse, 5, 0), definition.Dataset.PositionWeight);
        Assert.Equal(1.0, definition.Dataset.Fusion["click"]);
        Assert.Equal(0.5, definition.Dataset.Fusion["finish"]);
        Assert.Equal(new SoftLabelDefinition(2.0), definition.Dataset.SoftLabel);
        Assert.Equal("two_tower", definition.Student.Architecture);
        Assert.Equal([64, 32], definition.Student.HiddenLayers);
        Assert.Equal(32, definition.Student.EmbeddingDim);
        Assert.Equal(0.1, definition.Student.Temperature);
        Assert.Equal(new TrainingDefinition(3, 1024, 0.003, 0.0001, 0.3, 42, 2, "cpu"), definition.Training);
        Assert.Equal(new EvaluationDefinition(10, 50, 100, 2000, 7), definition.Evaluation);
        Assert.Equal(new PublishDefinition("full-model", 1e-5), definition.Publish);
    }

    [Fact]
    public void Parse_ExponentialPositionWeight_ReadsLambda()
    {
        string yaml = PipelineYaml.Full.Edit("function: inverse\n    a: 5", "function: exponential\n    lambda: 10");

        PipelineDefinition definition = PipelineDefinitionLoader.Parse(yaml, "test.yaml");

        Assert.Equal(new PositionWeightDefinition(PositionWeightFunction.Exponential, 0, 10), definition.Dataset.PositionWeight);
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsEveryOneWithPathAndLine()
    {
        string yaml = PipelineYaml.Full
            .Edit("stage: recall", "stage: recal")                                   // line 3: unknown word
            .Edit("    hash_buckets: 64\n", "    hash_bucket: 64\n")                 // line 20: typo, so also missing
            .Edit("    max_length: 8", "    max_length: -1")                         // out of range
            .Edit("  epochs: 3", "  epochs: three")                                  // wrong type
            .Edit("  device: cpu", "  device: gpu")                                  // unknown value
            .Edit("    finish: 0.5", "    finsh: 0.5");                              // fusion objective not in logs

        IReadOnlyList<PipelineDefinitionError> errors = PipelineYaml.Errors(yaml);

        Assert.Equal(
            [
                "stage",
                "features[1].hash_buckets",
                "features[1].hash_bucket",
                "features[2].max_length",
                "dataset.fusion.finsh",
                "training.epochs",
                "training.device",
            ],
            errors.Select(e => e.Path));
        Assert.Contains("allowed: recall, prerank", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'recall'", errors[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("(line 3)", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("is required (line 16)", errors[1].Message); // the line of the feature missing it
        Assert.Contains("did you mean 'hash_buckets'", errors[2].Message, StringComparison.Ordinal);
        Assert.EndsWith("(line 20)", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("(got -1)", errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("not among logs.objectives", errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'finish'", errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("must be an integer (got 'three')", errors[5].Message, StringComparison.Ordinal);
        Assert.Contains("allowed: auto, cpu, cuda", errors[6].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralMistakes_ExceptionMessageListsEveryError()
    {
        string yaml = PipelineYaml.Minimal.Edit("epochs: 1", "epochs: 0").Edit("batch_size: 32", "batch_size: x");

        var exception = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Parse(yaml, "min.yaml"));

        Assert.StartsWith("min.yaml: 2 error(s)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("training.epochs: must be between 1 and 10000 (got 0)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("training.batch_size: must be an integer (got 'x')", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidYamlSyntax_ReportsTheParserMessageAndLine()
    {
        PipelineDefinitionError error = PipelineYaml.SingleError("name: x\nlogs: [1, 2\n", "(document)");

        Assert.Contains("is not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.Contains("(line 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_ReportsIt()
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(PipelineYaml.Minimal.Edit("stage: prerank", "stage: prerank\nstage: recall"), "(document)");

        Assert.Contains("Duplicate key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Parse_EmptyText_ReportsEmptyFile(string yaml)
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "(document)");

        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RootIsAList_ReportsMappingExpected()
    {
        PipelineDefinitionError error = PipelineYaml.SingleError("- name: x\n", "(document)");

        Assert.Contains("must be a YAML mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoDocuments_ReportsOneExpected()
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(PipelineYaml.Minimal + "\n---\nname: other\n", "(document)");

        Assert.Contains("one YAML document, found 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyMapping_ReportsEveryRequiredKey()
    {
        IReadOnlyList<PipelineDefinitionError> errors = PipelineYaml.Errors("{}");

        Assert.Equal(["name", "stage", "logs", "features", "dataset", "student", "training"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.StartsWith("is required", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_ListsAllowedKeys()
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(PipelineYaml.Minimal + "\ntrainig:\n  epochs: 2\n", "trainig");

        Assert.Contains("unknown key 'trainig' (did you mean 'training'?)", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed here: name, description, stage, logs, features, dataset, student, training, evaluation, publish", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKeyInFeature_ReportsFeaturePath()
    {
        string yaml = PipelineYaml.Minimal.Edit("    kind: numeric", "    kind: numeric\n    normalise: true");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "features[3].normalise");

        Assert.Contains("unknown key 'normalise'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("epochs: 1", "epochs: \"1\"", "training.epochs", "must be an integer (got the string '1')")]
    [InlineData("epochs: 1", "epochs: 1.5", "training.epochs", "must be a whole number that fits in 32 bits (got '1.5')")]
    [InlineData("epochs: 1", "epochs: 99999999999", "training.epochs", "must be a whole number that fits in 32 bits")]
    [InlineData("learning_rate: 0.01", "learning_rate: fast", "training.learning_rate", "must be a finite number (got 'fast')")]
    [InlineData("learning_rate: 0.01", "learning_rate: .nan", "training.learning_rate", "must be a finite number (got '.nan')")]
    [InlineData("objectives: [click]", "objectives: click", "logs.objectives", "must be a list (got 'click')")]
    [InlineData("objectives: [click]", "objectives: [[click]]", "logs.objectives[0]", "must be a string (got a list)")]
    [InlineData("hidden_layers: []", "hidden_layers: [64, wide]", "student.hidden_layers[1]", "must be an integer (got 'wide')")]
    [InlineData("  fusion:\n    click: 1.0", "  fusion: [click]", "dataset.fusion", "must be a mapping (got a list)")]
    [InlineData("name: minimal", "name: {a: 1}", "name", "must be a string (got a mapping)")]
    public void Parse_WrongType_ReportsExpectedType(string find, string replacement, string path, string message)
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(PipelineYaml.Minimal.Edit(find, replacement), path);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReadLabelsNotABoolean_ReportsExpectedType()
    {
        string yaml = PipelineYaml.Full.Edit("read_labels: false", "read_labels: yes");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "logs.read_labels");

        Assert.Contains("must be true or false (got 'yes')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionalKeyWithoutValue_AsksToRemoveIt()
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(PipelineYaml.Full.Edit("  seed: 42", "  seed:"), "training.seed");

        Assert.Contains("has no value; leave the key out to use the default", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RequiredKeyWithoutValue_ReportsRequired()
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(PipelineYaml.Minimal.Edit("epochs: 1", "epochs: ~"), "training.epochs");

        Assert.StartsWith("is required but has no value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FeatureNotAMapping_ReportsItemPath()
    {
        string yaml = PipelineYaml.Minimal.Edit("features:\n", "features:\n  - just_a_name\n");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "features[0]");

        Assert.Contains("must be a mapping", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    side: user\n    kind: multi", "    side: users\n    kind: multi", "features[1].side", "allowed: user, item")]
    [InlineData("    kind: multi", "    kind: list", "features[1].kind", "allowed: categorical, multi, numeric")]
    [InlineData("stage: prerank", "stage: ranking", "stage", "allowed: recall, prerank")]
    public void Parse_UnknownWord_ListsAllowedWords(string find, string replacement, string path, string allowed)
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(PipelineYaml.Minimal.Edit(find, replacement), path);

        Assert.Contains(allowed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownPositionWeightFunction_ListsAllowedFunctionsOnly()
    {
        string yaml = PipelineYaml.Full.Edit("function: inverse", "function: linear");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "dataset.position_weight.function");

        Assert.Contains("allowed: constant, inverse, exponential", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_File_UsesPathAsSource()
    {
        using var folder = new ScratchDirectory();
        string path = folder.Combine("broken.yaml");
        File.WriteAllText(path, PipelineYaml.Minimal.Edit("epochs: 1", "epochs: 0"));

        var exception = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Load(path));

        Assert.Equal(path, exception.Source);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => PipelineDefinitionLoader.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".yaml")));
    }
}
