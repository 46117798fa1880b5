using CascadeDistill.Datasets.Listwise;
using CascadeDistill.Datasets.Pairwise;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Pipelines;

/// <summary>The list and pair recipes' keys: dataset.pairwise, dataset.listwise.loss/grades, training.ground_truth and loss_weighting.</summary>
public sealed class PipelineRankingSectionsTests
{
    private const string Pairwise = "top_k: 5\n  recipe: pairwise\n  pairwise:\n    strategy: top_k_vs_sampled";
    private const string Lambda = "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0\n    loss: lambda_ndcg";

    [Theory]
    [InlineData("top_k: 5\n  recipe: pairwise", "", "dataset.pairwise", "is required when dataset.recipe is pairwise")]
    [InlineData("top_k: 5\n  pairwise:\n    strategy: hard_boundary", "", "dataset.pairwise", "applies to the pairwise recipe only")]
    [InlineData(Pairwise + "\n    sampled_per_item: 0", "", "dataset.pairwise.sampled_per_item", "must be at least 1, got 0")]
    [InlineData(Pairwise + "\n    strategy_x: 1", "", "dataset.pairwise.strategy_x", "")]
    [InlineData("top_k: 5\n  recipe: pairwise\n  pairwise:\n    strategy: hard_boundary\n    top_k: 2\n    boundary_width: 3", "", "dataset.pairwise.boundary_width", "must be in 1..top_k (2), got 3")]
    [InlineData(Pairwise + "\n    weighting: delta_ndcg", "", "dataset.pairwise.grades", "is required when dataset.pairwise.weighting is delta_ndcg")]
    [InlineData(Pairwise + "\n    grades:\n      from: logit_quantiles\n      grade_count: 3", "", "dataset.pairwise.grades", "applies to dataset.pairwise.weighting delta_ndcg only")]
    [InlineData(Pairwise + "\n    weighting: delta_ndcg\n    grades:\n      from: logit_quantiles\n      grade_count: 1", "", "dataset.pairwise.grades.grade_count", "must be at least 2, got 1")]
    [InlineData(Pairwise + "\n    weighting: delta_ndcg\n    grades:\n      from: logit_quantiles\n      grade_count: 3\n      cut_grade: 1", "", "dataset.pairwise.grades.cut_grade", "applies to from: rank_buckets only (from is logit_quantiles)")]
    [InlineData(Pairwise + "\n    max_pairs_per_list: -1", "", "dataset.pairwise.max_pairs_per_list", "must be at least 1 when set, got -1")]
    [InlineData(Pairwise + "\n  catalogue_negatives: 2", "", "dataset.catalogue_negatives", "must be 0 with the pairwise recipe (got 2)")]
    [InlineData(Lambda, "", "dataset.listwise.grades", "is required when dataset.listwise.loss is lambda_ndcg")]
    [InlineData(Lambda + "\n    sigma: 0\n    grades:\n      from: logit_quantiles\n      grade_count: 4", "", "dataset.listwise.sigma", "greater than 0 (got 0)")]
    [InlineData(Lambda + "\n    grades:\n      from: buckets", "", "dataset.listwise.grades.from", "allowed: logit_quantiles, logit_thresholds, logit_mapping, rank_buckets")]
    [InlineData(Lambda + "\n    grades:\n      from: rank_buckets\n      buckets:\n        - { first_rank: 1, last_rank: 5, grade: 1 }\n        - { first_rank: 6, last_rank: 9, grade: 2 }", "", "dataset.listwise.grades.buckets[1]", "rise with rank")]
    [InlineData("top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0\n    loss: lambda", "", "dataset.listwise.loss", "allowed: listnet, lambda_ndcg")]
    [InlineData("top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0\n    grades:\n      from: logit_quantiles\n      grade_count: 3", "", "dataset.listwise.grades", "applies to dataset.listwise.loss lambda_ndcg only")]
    [InlineData(Pairwise, "\n  ground_truth:\n    label: purchase\n    weight: 0.1", "training.ground_truth.label", "is not among logs.objectives (click)")]
    [InlineData(Pairwise, "\n  ground_truth:\n    label: click\n    weight: 0", "training.ground_truth.weight", "greater than 0 (got 0)")]
    [InlineData("top_k: 5", "\n  ground_truth:\n    label: click\n    weight: 0.1", "training.ground_truth", "applies to the listwise, pairwise and inbatch recipes only")]
    [InlineData(Pairwise, "\n  loss_weighting: uncertainty", "training.loss_weighting", "needs training.ground_truth")]
    [InlineData(Pairwise, "\n  loss_weighting: learned", "training.loss_weighting", "allowed: fixed, uncertainty")]
    public void Parse_RuleBroken_ReportsOneErrorAtItsPath(string dataset, string training, string path, string message)
    {
        string yaml = PipelineYaml.Minimal.Edit("top_k: 5", dataset).Edit("learning_rate: 0.01", "learning_rate: 0.01" + training);

        PipelineDefinitionError error = PipelineYaml.SingleError(yaml, path);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidPairwiseWithGroundTruth_KeepsEverySetting()
    {
        string yaml = PipelineYaml.Minimal
            .Edit("top_k: 5", "top_k: 5\n  recipe: pairwise\n  pairwise:\n    strategy: all_pairs_top_m\n    top_m: 6\n    max_pairs_per_list: 0\n"
                + "    weighting: delta_ndcg\n    min_list_length: 3\n    grades:\n      from: logit_thresholds\n      thresholds: [0.5, 1.5]")
            .Edit("learning_rate: 0.01", "learning_rate: 0.01\n  ground_truth:\n    label: click\n    weight: 0.25\n  loss_weighting: uncertainty");

        PipelineDefinition definition = PipelineDefinitionLoader.Parse(yaml, "minimal.yaml");

        Assert.Empty(PipelineDefinitionValidator.Validate(definition));
        PairwiseDefinition pairwise = definition.Dataset.Pairwise!;
        Assert.Equal(PairSamplingStrategy.AllWithinTopM, pairwise.Sampling.Strategy);
        Assert.Equal(6, pairwise.Sampling.TopM);
        Assert.Null(pairwise.Sampling.MaxPairsPerList);
        Assert.Equal(PairWeighting.DeltaNdcg, pairwise.Sampling.Weighting);
        Assert.Equal(3, pairwise.MinListLength);
        Assert.Equal([0.5, 1.5], pairwise.Grades!.Thresholds!);
        Assert.IsType<LogitThresholdGrader>(pairwise.Grades.CreateGrader());
        Assert.Equal(new GroundTruthDefinition("click", 0.25), definition.Training.GroundTruth);
        Assert.Equal("uncertainty", definition.Training.LossWeighting);
    }

    [Fact]
    public void Parse_LambdaNdcgWithRankBuckets_BuildsTheDeclaredGrader()
    {
        string yaml = PipelineYaml.Minimal.Edit("top_k: 5", Lambda + "\n    sigma: 2\n    grades:\n      from: rank_buckets\n      buckets:\n"
            + "        - { first_rank: 1, last_rank: 2, grade: 3 }\n        - { first_rank: 3, last_rank: 5, grade: 1 }\n      cut_grade: 0");

        PipelineDefinition definition = PipelineDefinitionLoader.Parse(yaml, "minimal.yaml");

        Assert.Empty(PipelineDefinitionValidator.Validate(definition));
        ListwiseDefinition listwise = definition.Dataset.Listwise!;
        Assert.Equal("lambda_ndcg", listwise.Loss);
        Assert.Equal(2.0, listwise.Sigma);
        var grades = new int[4];
        listwise.Grades!.CreateGrader().Grade([1, 4, 0, 6], [0f, 0f, 0f, 0f], grades);
        Assert.Equal([3, 1, 0, 0], grades);
    }

    [Fact]
    public void ConfigHash_PairwiseSettings_ChangeTheHashAndAnExplicitDefaultDoesNot()
    {
        string pairwise = PipelineYaml.Minimal.Edit("top_k: 5", Pairwise);
        string listnet = PipelineYaml.Minimal.Edit("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0");

        string hash = PipelineConfigHash.Compute(PipelineDefinitionLoader.Parse(pairwise, "m.yaml"));
        string capped = PipelineConfigHash.Compute(PipelineDefinitionLoader.Parse(
            PipelineYaml.Minimal.Edit("top_k: 5", Pairwise + "\n    max_pairs_per_list: 7"), "m.yaml"));
        string explicitListNet = PipelineConfigHash.Compute(PipelineDefinitionLoader.Parse(
            PipelineYaml.Minimal.Edit("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0\n    loss: listnet"), "m.yaml"));

        Assert.NotEqual(hash, capped);
        Assert.Equal(PipelineConfigHash.Compute(PipelineDefinitionLoader.Parse(listnet, "m.yaml")), explicitListNet);
    }
}
