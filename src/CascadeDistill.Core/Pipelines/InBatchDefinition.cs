namespace CascadeDistill.Pipelines;

/// <summary>
/// The <c>dataset.inbatch</c> section: settings of the in-batch softmax recipe (recall students).
/// Per request the target distribution over the batch's items is
/// <c>(1 − λ)·p_hard + λ·softmax(teacher / T)</c> over the request's own candidates, where
/// <c>p_hard</c> spreads the position weights of the teacher's top K; every other item of the batch
/// (other requests' candidates and the sampled catalogue negatives) is a negative whose logit is
/// corrected by <c>− log q</c>, q from a streaming item-frequency estimator.
/// </summary>
/// <param name="TeacherTemperature">T &gt; 0 of the teacher distribution <c>softmax(fused / T)</c> over a request's candidates.</param>
/// <param name="DistillationWeight">λ in [0, 1]: the share of the teacher distribution in the target (0 = teacher top K only).</param>
/// <param name="LogQCorrection">Subtract <c>log q</c> from the logits of in-batch negatives (sampling-bias correction).</param>
/// <param name="FrequencyBuckets">Hash table size of the frequency estimator.</param>
/// <param name="FrequencyAlpha">α in (0, 1] of the estimator's moving average of step gaps.</param>
public sealed record InBatchDefinition(
    double TeacherTemperature,
    double DistillationWeight,
    bool LogQCorrection = true,
    int FrequencyBuckets = PipelineDefaults.FrequencyBuckets,
    double FrequencyAlpha = PipelineDefaults.FrequencyAlpha);
