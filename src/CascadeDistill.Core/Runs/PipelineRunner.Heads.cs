using CascadeDistill.Evaluation;
using CascadeDistill.Export;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Training;

namespace CascadeDistill.Runs;

/// <summary>Per-objective heads (<c>student.heads: per_objective</c>): each head's parity and teacher agreement.</summary>
public sealed partial class PipelineRunner
{
    private const string StudentScorerName = "student";

    private sealed record HeadParity(string Objective, string UserOutput, string ItemOutput, ParityReport User, ParityReport Item);

    /// <summary>Every head output of both towers against the trained model's head vectors on the parity rows; none without heads.</summary>
    private IReadOnlyList<HeadParity> VerifyHeads(OnnxExportResult files, ITrainedStudent student, FeatureBatch users, FeatureBatch items, CancellationToken cancellationToken)
    {
        if (files.HeadOutputs.Count == 0)
        {
            return [];
        }
        if (student is not IMultiHeadStudent multi || !multi.HeadNames.SequenceEqual(files.HeadOutputs.Select(h => h.Objective), StringComparer.Ordinal))
        {
            throw new InvalidOperationException("The exported towers have per-objective heads the trained student does not report.");
        }
        float[] userHeads = multi.EncodeUserHeads(users);
        float[] itemHeads = multi.EncodeItemHeads(items);
        int heads = files.HeadOutputs.Count;
        int width = userHeads.Length / users.RowCount / heads;
        var reports = new List<HeadParity>(heads);
        for (int k = 0; k < heads; k++)
        {
            HeadOutputNames names = files.HeadOutputs[k];
            ParityReport user = services.Verifier.VerifyOutput(files.UserTowerPath, names.UserOutput, users, HeadSlice(userHeads, users.RowCount, heads, width, k), width, cancellationToken);
            ParityReport item = services.Verifier.VerifyOutput(files.ItemTowerPath, names.ItemOutput, items, HeadSlice(itemHeads, items.RowCount, heads, width, k), width, cancellationToken);
            reports.Add(new HeadParity(names.Objective, names.UserOutput, names.ItemOutput, user, item));
        }
        return reports;
    }

    /// <summary>
    /// Each head's NDCG@k of its own scores <c>dot(u_k, v_k)</c> against its own objective's order
    /// (<see cref="HeadAgreement"/>), as extra metrics of the student; the report unchanged without heads.
    /// </summary>
    private static EvaluationReport AddHeadMetrics(EvaluationReport report, ITrainedStudent student, IReadOnlyList<RequestBlock> requests, int topK, CancellationToken cancellationToken)
    {
        if (student is not IMultiHeadStudent { HeadNames.Count: > 0 } multi)
        {
            return report;
        }
        IReadOnlyDictionary<string, double> perHead = HeadAgreement.Evaluate(multi, requests, topK, cancellationToken);
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>>(report.Metrics, StringComparer.Ordinal);
        var studentMetrics = new SortedDictionary<string, double>(
            metrics.TryGetValue(StudentScorerName, out IReadOnlyDictionary<string, double>? existing) ? existing.ToDictionary() : [],
            StringComparer.Ordinal);
        foreach ((string name, double value) in perHead)
        {
            studentMetrics[name] = value;
        }
        metrics[StudentScorerName] = studentMetrics;
        return report with { Metrics = metrics };
    }

    private static float[] HeadSlice(float[] vectors, int rows, int heads, int width, int head)
    {
        var slice = new float[rows * width];
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(vectors, (r * heads + head) * width, slice, r * width, width);
        }
        return slice;
    }
}
