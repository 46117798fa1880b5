using CascadeDistill.Benchmarks;
using CascadeDistill.Core.Tests.Pipelines;
using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Benchmarks;

/// <summary>What the benchmark trains: every pipeline of the folder plus one ground-truth-only twin per stage.</summary>
public sealed class QualityBenchmarkPlanTests
{
    private static readonly IReadOnlyList<PipelineDefinition> s_shipped = new PipelineCatalogue(RepositoryRoot.Pipelines).LoadAll();

    [Fact]
    public void Create_ShippedPipelines_EveryOneDistilledPlusOneValidTwinPerStage()
    {
        IReadOnlyList<QualityBenchmarkEntry> plan = QualityBenchmarkPlan.Create(s_shipped, QualityBenchmarkOptions.Full);

        Assert.Equal(
            s_shipped.Select(p => p.Name).Order(StringComparer.Ordinal),
            plan.Where(e => e.Kind == QualityRowKind.Distilled).Select(e => e.Pipeline.Name).Order(StringComparer.Ordinal));
        StudentStage[] stages = s_shipped.Select(p => p.Stage).Distinct().ToArray();
        Assert.Equal(stages.Length, plan.Count(e => e.Kind == QualityRowKind.GroundTruthOnly));
        Assert.All(plan, e => Assert.Equal(PipelineDefaults.Evaluation, e.Pipeline.Evaluation));
        Assert.All(plan, e => Assert.Empty(PipelineDefinitionValidator.Validate(e.Pipeline)));
        Assert.Equal(plan.Count, plan.Select(e => e.Pipeline.Name).Distinct().Count());
    }

    [Fact]
    public void Create_FullOptions_KeepShippedWindowsAndTraining()
    {
        IReadOnlyList<QualityBenchmarkEntry> plan = QualityBenchmarkPlan.Create(s_shipped, QualityBenchmarkOptions.Full);

        foreach (PipelineDefinition shipped in s_shipped)
        {
            PipelineDefinition run = Assert.Single(plan, e => e.Pipeline.Name == shipped.Name).Pipeline;
            Assert.Equal(shipped.Logs, run.Logs);
            Assert.Equal(shipped.Training, run.Training);
            Assert.Equal(shipped.Dataset, run.Dataset);
        }
    }

    [Fact]
    public void Derive_FromListwisePrerank_SameStudentPointwiseGroundTruthWithoutTeacherSettings()
    {
        PipelineDefinition source = PipelineDefinitionLoader.Parse(
            PipelineYaml.Minimal.Edit("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 2.0\n  position_weight:\n    function: inverse\n    a: 5"),
            "minimal.yaml");

        PipelineDefinition twin = GroundTruthStudent.Derive(source, "click");

        Assert.Equal("minimal-ground-truth", twin.Name);
        Assert.Equal("minimal-ground-truth", twin.Publish.ModelName);
        Assert.Equal(source.Features, twin.Features);
        Assert.Equal(source.Student, twin.Student);
        Assert.Equal(source.Logs, twin.Logs);
        Assert.Equal(PipelineDefaults.Recipe, twin.Dataset.Recipe);
        Assert.Equal(PipelineDefinitionValidator.GroundTruthLabels, twin.Dataset.Labels);
        Assert.Equal("click", twin.Dataset.Label);
        Assert.Null(twin.Dataset.Listwise);
        Assert.Equal(PipelineDefaults.PositionWeight, twin.Dataset.PositionWeight);
        Assert.Equal(0, twin.Training.SoftLabelWeight);
        Assert.Empty(PipelineDefinitionValidator.Validate(twin));
    }

    [Fact]
    public void SourceFor_PrefersTheStagesTeacherPointwisePipeline()
    {
        PipelineDefinition pointwise = PipelineDefinitionLoader.Parse(PipelineYaml.Minimal.Edit("name: minimal", "name: z-pointwise"), "z-pointwise.yaml");
        PipelineDefinition listwise = PipelineDefinitionLoader.Parse(
            PipelineYaml.Minimal.Edit("name: minimal", "name: a-listwise").Edit("top_k: 5", "top_k: 5\n  recipe: listwise\n  listwise:\n    temperature: 1.0"),
            "a-listwise.yaml");

        Assert.Equal("z-pointwise", GroundTruthStudent.SourceFor(StudentStage.Prerank, [listwise, pointwise])!.Name);
        Assert.Equal("a-listwise", GroundTruthStudent.SourceFor(StudentStage.Prerank, [listwise])!.Name);
        Assert.Null(GroundTruthStudent.SourceFor(StudentStage.Recall, [listwise, pointwise]));
    }

    [Fact]
    public void Tiny_ShrinksWindowTrainingAndEvaluationButNotTheProtocol()
    {
        PipelineDefinition shipped = Assert.Single(s_shipped, p => p.Name == "recall-pointwise");

        PipelineDefinition tiny = QualityBenchmarkOptions.Tiny.Apply(shipped);

        Assert.Equal(QualityBenchmarkOptions.Tiny.Simulation.Days, tiny.Logs.WindowDays);
        Assert.Equal(1, tiny.Training.Epochs);
        Assert.Equal(PipelineDefaults.Evaluation.TopK, tiny.Evaluation.TopK);
        Assert.Equal(PipelineDefaults.Evaluation.CandidateTopN, tiny.Evaluation.CandidateTopN);
        Assert.True(tiny.Evaluation.MaxRequests < PipelineDefaults.Evaluation.MaxRequests);
    }
}
