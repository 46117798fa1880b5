using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Pipelines;

/// <summary>One test per validation rule, each starting from a valid text and breaking one thing.</summary>
public sealed class PipelineDefinitionValidatorTests
{
    [Fact]
    public void Validate_ParsedFullDefinition_HasNoErrors()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(PipelineYaml.Full, "full.yaml");

        Assert.Empty(PipelineDefinitionValidator.Validate(definition));
    }

    [Theory]
    [InlineData("name: minimal", "name: Minimal", "name", "not a valid pipeline name")]
    [InlineData("name: minimal", "name: \"\"", "name", "must not be empty")]
    [InlineData("window_days: 3", "window_days: 0", "logs.window_days", "must be between 1 and 366 (got 0)")]
    [InlineData("window_days: 3", "window_days: 3\n  holdout_days: 3", "logs.holdout_days", "must be less than logs.window_days (3)")]
    [InlineData("window_days: 3", "window_days: 3\n  holdout_days: 0", "logs.holdout_days", "must be at least 1 (got 0)")]
    [InlineData("objectives: [click]", "objectives: []", "logs.objectives", "at least one teacher objective")]
    [InlineData("objectives: [click]", "objectives: [click, Click2]", "logs.objectives[1]", "not a valid objective name")]
    [InlineData("objectives: [click]", "objectives: [click, click]", "logs.objectives[1]", "duplicate objective 'click' (first at logs.objectives[0])")]
    [InlineData("top_k: 5", "top_k: 0", "dataset.top_k", "must be between 1 and 10000 (got 0)")]
    [InlineData("top_k: 5", "top_k: 5\n  catalogue_negatives: -1", "dataset.catalogue_negatives", "must be between 0 and 10000 (got -1)")]
    [InlineData("top_k: 5", "top_k: 5\n  recipe: pairs", "dataset.recipe", "allowed: pointwise, listwise, pairwise, inbatch")]
    [InlineData("top_k: 5", "top_k: 5\n  recipe: listwise", "dataset.listwise", "is required when dataset.recipe is listwise")]
    [InlineData("top_k: 5", "top_k: 5\n  listwise:\n    temperature: 1.0", "dataset.listwise", "applies to the listwise recipe only")]
    [InlineData("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 0", "dataset.listwise.temperature", "greater than 0 (got 0)")]
    [InlineData("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0\n    min_list_length: 1", "dataset.listwise.min_list_length", "must be between 2 and 10000 (got 1)")]
    [InlineData("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0\n  catalogue_negatives: 3", "dataset.catalogue_negatives", "must be 0 with the listwise recipe (got 3)")]
    [InlineData("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0\n    length: 3", "dataset.listwise.length", "")]
    [InlineData("    click: 1.0", "    click: 0", "dataset.fusion.click", "must be a finite number greater than 0 (got 0)")]
    [InlineData("    click: 1.0", "    click: 1.0\n    finish: 1.0", "dataset.fusion.finish", "objective 'finish' is not among logs.objectives (click)")]
    [InlineData("  fusion:\n    click: 1.0", "  fusion: {}", "dataset.fusion", "must give a weight to at least one objective")]
    [InlineData("top_k: 5", "top_k: 5\n  soft_label:\n    temperature: 0", "dataset.soft_label.temperature", "greater than 0 (got 0)")]
    [InlineData("top_k: 5", "top_k: 5\n  position_weight:\n    function: inverse\n    a: -1", "dataset.position_weight.a", "of at least 0 (got -1)")]
    [InlineData("top_k: 5", "top_k: 5\n  position_weight:\n    function: exponential\n    lambda: 0", "dataset.position_weight.lambda", "greater than 0 (got 0)")]
    [InlineData("top_k: 5", "top_k: 5\n  position_weight:\n    function: inverse", "dataset.position_weight.a", "is required")]
    [InlineData("top_k: 5", "top_k: 5\n  position_weight:\n    function: exponential\n    a: 2\n    lambda: 3", "dataset.position_weight.a", "applies to the inverse function only")]
    [InlineData("top_k: 5", "top_k: 5\n  position_weight:\n    function: constant\n    lambda: 3", "dataset.position_weight.lambda", "applies to the exponential function only")]
    [InlineData("hidden_layers: []", "hidden_layers: [64, 0]", "student.hidden_layers[1]", "must be between 1 and 16384 (got 0)")]
    [InlineData("hidden_layers: []", "hidden_layers: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]", "student.hidden_layers", "at most 16 layers (got 17)")]
    [InlineData("hidden_layers: []", "hidden_layers: []\n  architecture: three_tower", "student.architecture", "allowed: two_tower")]
    [InlineData("  embedding_dim: 8", "  embedding_dim: 0", "student.embedding_dim", "must be between 1 and 1024 (got 0)")]
    [InlineData("  embedding_dim: 8", "  embedding_dim: 8\n  temperature: -0.5", "student.temperature", "greater than 0 (got -0.5)")]
    [InlineData("epochs: 1", "epochs: 0", "training.epochs", "must be between 1 and 10000 (got 0)")]
    [InlineData("batch_size: 32", "batch_size: 0", "training.batch_size", "must be between 1 and 1048576 (got 0)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0", "training.learning_rate", "greater than 0 (got 0)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\n  weight_decay: -1", "training.weight_decay", "of at least 0 (got -1)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\n  soft_label_weight: 1.5", "training.soft_label_weight", "must be between 0 and 1 (got 1.5)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\n  soft_label_weight: 0.3", "training.soft_label_weight", "the dataset has no soft labels: add dataset.soft_label or set this to 0")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\n  seed: -1", "training.seed", "must be at least 0 (got -1)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\n  threads: 2000", "training.threads", "must be between 0 and 1024 (got 2000)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\n  device: gpu", "training.device", "unknown value 'gpu' (did you mean 'cpu'?); allowed: auto, cpu, cuda")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\nevaluation:\n  top_k: 0", "evaluation.top_k", "must be between 1 and 10000 (got 0)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\nevaluation:\n  top_k: 60", "evaluation.candidate_top_n", "must be at least evaluation.top_k (60)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\nevaluation:\n  catalogue_top_n: 5", "evaluation.catalogue_top_n", "must be at least evaluation.top_k (10)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\nevaluation:\n  max_requests: 0", "evaluation.max_requests", "must be between 1 and 10000000 (got 0)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\nevaluation:\n  seed: -3", "evaluation.seed", "must be at least 0 (got -3)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\npublish:\n  model_name: My Model", "publish.model_name", "not a valid model name")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\npublish:\n  parity_tolerance: 0", "publish.parity_tolerance", "greater than 0 (got 0)")]
    [InlineData("learning_rate: 0.01", "learning_rate: 0.01\npublish:\n  parity_tolerance: 2", "publish.parity_tolerance", "must be at most 1 (got 2)")]
    public void Parse_RuleBroken_ReportsOneErrorAtItsPath(string find, string replacement, string path, string message)
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(PipelineYaml.Minimal.Edit(find, replacement), path);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ListwiseWithSoftLabelWeight_ReportsListNetOnly()
    {
        string yaml = PipelineYaml.Minimal
            .Edit("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0\n  soft_label:\n    temperature: 2")
            .Edit("learning_rate: 0.01", "learning_rate: 0.01\n  soft_label_weight: 0.3");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "training.soft_label_weight");

        Assert.Contains("must be 0 with the listwise recipe, which trains ListNet only (got 0.3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidListwise_HasNoErrorsAndKeepsSettings()
    {
        string yaml = PipelineYaml.Minimal.Edit("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 0.5\n    min_list_length: 4");

        PipelineDefinition definition = PipelineDefinitionLoader.Parse(yaml, "minimal.yaml");

        Assert.Empty(PipelineDefinitionValidator.Validate(definition));
        Assert.Equal(new ListwiseDefinition(0.5, 4), definition.Dataset.Listwise);
        Assert.Equal(PipelineDefaults.MinListLength, PipelineDefinitionLoader.Parse(yaml.Replace("\n    min_list_length: 4", "", StringComparison.Ordinal), "minimal.yaml").Dataset.Listwise!.MinListLength);
    }

    [Fact]
    public void Parse_DuplicateFeatureName_ReportsSecondWithFirst()
    {
        string yaml = PipelineYaml.Minimal.Edit("  - name: price", "  - name: recent");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "features[3].name");

        Assert.Contains("duplicate feature name 'recent' (first declared at features[1])", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidFeatureName_ReportsIt()
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(PipelineYaml.Minimal.Edit("  - name: price", "  - name: Price-EUR\n    column: item.price"), "features[3].name");

        Assert.Contains("not a valid feature name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoItemSideFeature_ReportsItemTowerEmpty()
    {
        string yaml = PipelineYaml.Minimal
            .Edit("  - name: item_id\n    side: item", "  - name: item_key\n    side: user")
            .Edit("  - name: price\n    side: item", "  - name: price\n    side: user");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "features");

        Assert.Contains("declares no item-side feature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoUserSideFeature_ReportsUserTowerEmpty()
    {
        string yaml = PipelineYaml.Minimal
            .Edit("  - name: user_id\n    side: user", "  - name: user_key\n    side: item")
            .Edit("  - name: recent\n    side: user", "  - name: recent\n    side: item");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "features");

        Assert.Contains("declares no user-side feature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoFeatures_ReportsBothTowersNeeded()
    {
        string yaml = PipelineYaml.Minimal[..PipelineYaml.Minimal.IndexOf("features:", StringComparison.Ordinal)]
            + "features: []\n"
            + PipelineYaml.Minimal[PipelineYaml.Minimal.IndexOf("dataset:", StringComparison.Ordinal)..];

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "features");

        Assert.Contains("at least one user-side and one item-side feature", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hash_buckets: 100", "hash_buckets: 1", "features[0].hash_buckets", "must be between 2 and 16777216 (got 1)")]
    [InlineData("hash_buckets: 100", "hash_buckets: 16777217", "features[0].hash_buckets", "must be between 2 and 16777216")]
    [InlineData("    hash_buckets: 100\n", "", "features[0].hash_buckets", "is required")]
    [InlineData("    hash_buckets: 50\n    embedding_dim: 4\n", "    hash_buckets: 50\n", "features[1].embedding_dim", "is required")]
    [InlineData("    hash_buckets: 50\n    embedding_dim: 4\n", "    hash_buckets: 50\n    embedding_dim: 2000\n", "features[1].embedding_dim", "must be between 1 and 1024 (got 2000)")]
    [InlineData("    hash_buckets: 50\n    embedding_dim: 4\n", "    hash_buckets: 50\n    embedding_dim: 4\n    max_length: 0\n", "features[1].max_length", "must be between 1 and 1024 (got 0)")]
    [InlineData("    hash_buckets: 100\n", "    hash_buckets: 100\n    max_length: 5\n", "features[0].max_length", "applies to multi features only, not categorical")]
    [InlineData("    kind: numeric", "    kind: numeric\n    hash_buckets: 10", "features[3].hash_buckets", "does not apply to numeric features")]
    [InlineData("    kind: numeric", "    kind: numeric\n    embedding_dim: 4", "features[3].embedding_dim", "does not apply to numeric features")]
    [InlineData("    kind: numeric", "    kind: numeric\n    max_length: 4", "features[3].max_length", "does not apply to numeric features")]
    public void Parse_EncodingRuleOfKindBroken_ReportsIt(string find, string replacement, string path, string message)
    {
        PipelineDefinitionError error = PipelineYaml.SingleError(PipelineYaml.Minimal.Edit(find, replacement), path);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("item_id", "a user-side feature cannot read 'item_id'")]
    [InlineData("item.category", "a user-side feature cannot read 'item.category'")]
    [InlineData("teacher.click", "reserved log column")]
    [InlineData("label.click", "reserved log column")]
    [InlineData("position", "reserved log column")]
    [InlineData("user segment", "without spaces")]
    public void Parse_UserFeatureColumnNotAllowed_ReportsColumn(string column, string message)
    {
        string yaml = PipelineYaml.Minimal.Edit("  - name: recent\n", $"  - name: recent\n    column: \"{column}\"\n");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "features[1].column");

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ItemFeatureReadingUserColumn_ReportsColumn()
    {
        string yaml = PipelineYaml.Minimal.Edit("  - name: price\n", "  - name: price\n    column: user.price\n");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "features[3].column");

        Assert.Contains("an item-side feature cannot read 'user.price'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CustomColumnWithoutSidePrefix_IsAccepted()
    {
        string yaml = PipelineYaml.Minimal.Edit("  - name: price\n", "  - name: price\n    column: price_eur\n");

        Assert.Equal("price_eur", PipelineDefinitionLoader.Parse(yaml, "test.yaml").Features[3].Column);
    }

    [Fact]
    public void Parse_UnreadableValue_IsNotReportedTwice()
    {
        // A missing window makes holdout_days >= window_days meaningless; only the missing key is reported.
        string yaml = PipelineYaml.Minimal.Edit("  window_days: 3\n", "  holdout_days: 2\n");

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, "logs.window_days");

        Assert.StartsWith("is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefinitionBuiltInCode_ReportsEveryProblem()
    {
        PipelineDefinition valid = PipelineDefinitionLoader.Parse(PipelineYaml.Full, "full.yaml");
        PipelineDefinition broken = valid with
        {
            Training = valid.Training with { Epochs = 0, Device = "tpu" },
            Features = [.. valid.Features, valid.Features[0]],
        };

        IReadOnlyList<PipelineDefinitionError> errors = PipelineDefinitionValidator.Validate(broken);

        Assert.Equal(["features[4].name", "training.epochs", "training.device"], errors.Select(e => e.Path));
    }

    [Fact]
    public void EnsureValid_InvalidDefinition_ThrowsWithSource()
    {
        PipelineDefinition valid = PipelineDefinitionLoader.Parse(PipelineYaml.Full, "full.yaml");
        PipelineDefinition broken = valid with { Evaluation = valid.Evaluation with { TopK = 0 } };

        var exception = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionValidator.EnsureValid(broken, "built in code"));

        Assert.Equal("built in code", exception.Source);
        Assert.Equal("evaluation.top_k", Assert.Single(exception.Errors).Path);
    }
}
