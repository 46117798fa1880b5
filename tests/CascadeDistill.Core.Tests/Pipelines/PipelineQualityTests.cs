using CascadeDistill.Pipelines;

namespace CascadeDistill.Core.Tests.Pipelines;

/// <summary>The optional <c>quality</c> section: parsed, validated with paths, hashed only when it is not the default.</summary>
public sealed class PipelineQualityTests
{
    [Fact]
    public void Parse_QualitySection_ReadsEveryKeyAndKeepsUnsetGatesAtTheirDefaults()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(PipelineYaml.Full + PipelineYaml.Quality, "test.yaml");

        QualityDefinition quality = definition.Quality;
        Assert.Equal(0.1, quality.MaxQuarantineRate);
        Assert.Equal(3, quality.BaselineDays);
        Assert.Equal(new DriftThresholdDefinition(0.3, 0.8), quality.Drift[DriftMetrics.RequestVolume]);
        Assert.Equal(new DriftThresholdDefinition(0.2, null), quality.Drift[DriftMetrics.CandidatesPerRequest]);
        Assert.Equal(new DriftThresholdDefinition(null, 1.5), quality.Drift[DriftMetrics.LabelRate]);
    }

    [Fact]
    public void Parse_NoQualitySection_IsTheDefault()
    {
        PipelineDefinition definition = PipelineDefinitionLoader.Parse(PipelineYaml.Full, "test.yaml");

        Assert.True(definition.Quality.IsDefault);
        Assert.Equal(0.05, definition.Quality.MaxQuarantineRate);
    }

    [Fact]
    public void Validate_BadQualityValues_ReportsEveryErrorWithItsPath()
    {
        string yaml = PipelineYaml.Full + """

            quality:
              max_quarantine_rate: 1.5
              baseline_days: 0
              drift:
                request_volume: { warn: 0.9, block: 0.1 }
                teacher_logit_js: { warn: -1 }
            """;

        var exception = Assert.Throws<PipelineDefinitionException>(() => PipelineDefinitionLoader.Parse(yaml, "test.yaml"));

        string[] paths = [.. exception.Errors.Select(e => e.Path).Order(StringComparer.Ordinal)];
        Assert.Equal(
            ["quality.baseline_days", "quality.drift.request_volume.block", "quality.drift.teacher_logit_js.warn", "quality.max_quarantine_rate"],
            paths);
    }

    [Fact]
    public void ConfigHash_DefaultQuality_KeepsTheHashAndAChangedGateChangesIt()
    {
        PipelineDefinition plain = PipelineDefinitionLoader.Parse(PipelineYaml.Full, "test.yaml");
        PipelineDefinition explicitDefault = PipelineDefinitionLoader.Parse(PipelineYaml.Full + "\nquality:\n  max_quarantine_rate: 0.05\n", "test.yaml");
        PipelineDefinition gated = PipelineDefinitionLoader.Parse(PipelineYaml.Full + PipelineYaml.Quality, "test.yaml");

        Assert.Equal(PipelineConfigHash.Compute(plain), PipelineConfigHash.Compute(explicitDefault));
        Assert.NotEqual(PipelineConfigHash.Compute(plain), PipelineConfigHash.Compute(gated));
    }
}
