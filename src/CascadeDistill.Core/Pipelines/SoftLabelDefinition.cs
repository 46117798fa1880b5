namespace CascadeDistill.Pipelines;

/// <summary>Soft label <c>sigmoid(fused_logit / Temperature)</c>.</summary>
public sealed record SoftLabelDefinition(double Temperature);
