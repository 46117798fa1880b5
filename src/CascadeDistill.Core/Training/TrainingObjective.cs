namespace CascadeDistill.Training;

/// <summary>What a trainer optimises, decided by the dataset recipe.</summary>
public enum TrainingObjective
{
    /// <summary>Rows in any order; weighted BCE on hard labels, mixed with soft labels (the pointwise recipe).</summary>
    WeightedBce = 0,

    /// <summary>Batches of whole requests; ListNet against <c>softmax(teacher / T)</c> per request (the listwise recipe).</summary>
    ListNet = 1,

    /// <summary>
    /// Batches of whole requests; softmax over every item of the batch with logQ correction, against
    /// a target mixing the teacher's top K and <c>softmax(teacher / T)</c> (the inbatch recipe).
    /// </summary>
    InBatchSoftmax = 2,

    /// <summary>Batches of whole requests; LambdaNDCG on graded relevance per request (the listwise recipe with <c>loss: lambda_ndcg</c>).</summary>
    LambdaNdcg = 10,

    /// <summary>Batches of whole requests; weighted BPR on pairs drawn from each request's teacher order (the pairwise recipe).</summary>
    Bpr = 11,
}
