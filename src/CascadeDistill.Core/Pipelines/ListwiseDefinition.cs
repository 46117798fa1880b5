namespace CascadeDistill.Pipelines;

/// <summary>The <c>dataset.listwise</c> section: settings of the listwise (ListNet) recipe.</summary>
/// <param name="Temperature">T &gt; 0 of the teacher distribution <c>softmax(fused / T)</c> ListNet trains against.</param>
/// <param name="MinListLength">Requests with fewer candidates are skipped (reason <c>list_too_short</c>); at least 2.</param>
public sealed record ListwiseDefinition(double Temperature, int MinListLength = PipelineDefaults.MinListLength);
