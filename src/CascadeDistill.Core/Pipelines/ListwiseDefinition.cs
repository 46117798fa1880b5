namespace CascadeDistill.Pipelines;

/// <summary>The <c>dataset.listwise</c> section: settings of the listwise recipe (ListNet or LambdaNDCG).</summary>
/// <param name="Temperature">T &gt; 0 of the teacher distribution <c>softmax(fused / T)</c> ListNet trains against.</param>
/// <param name="MinListLength">Requests with fewer candidates are skipped (reason <c>list_too_short</c>); at least 2.</param>
/// <param name="Loss"><c>listnet</c> (default) or <c>lambda_ndcg</c>.</param>
/// <param name="Grades">Graded relevance LambdaNDCG trains on; required with <c>lambda_ndcg</c>, absent with <c>listnet</c>.</param>
/// <param name="Sigma">σ &gt; 0 of LambdaNDCG's logistic (default 1).</param>
public sealed record ListwiseDefinition(
    double Temperature,
    int MinListLength = PipelineDefaults.MinListLength,
    string Loss = PipelineDefaults.ListLoss,
    RelevanceGradesDefinition? Grades = null,
    double Sigma = PipelineDefaults.LambdaSigma);
