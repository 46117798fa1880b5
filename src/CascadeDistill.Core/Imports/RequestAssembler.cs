using CascadeDistill.Features;
using CascadeDistill.Logs;

namespace CascadeDistill.Imports;

/// <summary>
/// Checks the rows of one request and builds its <see cref="RequestBlock"/>. A request with any bad
/// row is rejected whole: the first fault (in source order) is the reason for every row; then a list
/// shorter than the mapping's <c>min_candidates</c>, duplicate items and positions that are not 1..n.
/// </summary>
internal sealed class RequestAssembler(ImportMappingDefinition mapping)
{
    private readonly HashSet<long> _items = [];

    /// <returns>The block, or null with <paramref name="reason"/> and <paramref name="detail"/> set.</returns>
    public RequestBlock? Assemble(List<ImportRow> rows, out string? reason, out string? detail)
    {
        ImportRow? faulty = rows.Find(r => r.FaultReason is not null);
        string id = rows[0].RequestId;
        if (faulty is not null)
        {
            reason = faulty.FaultReason;
            detail = $"row {faulty.RowNumber}: {faulty.FaultDetail}";
            return null;
        }
        if (rows.Count < mapping.MinCandidates)
        {
            (reason, detail) = (ImportReasonCodes.ListTooShort, $"request '{id}' has {rows.Count} candidate(s); the mapping's min_candidates is {mapping.MinCandidates}");
            return null;
        }
        _items.Clear();
        if (rows.Find(r => !_items.Add(r.ItemId)) is { } duplicate)
        {
            (reason, detail) = (ImportReasonCodes.DuplicateItem, $"request '{id}' lists item {duplicate.ItemId} more than once (row {duplicate.RowNumber})");
            return null;
        }
        int[] positions = [.. rows.Select(r => r.Position)];
        if (PositionProblem(positions) is { } problem)
        {
            (reason, detail) = (ImportReasonCodes.BadPositions, $"request '{id}': position {problem}");
            return null;
        }
        int[]? rerank = null;
        int reranked = rows.Count(r => r.RerankPosition.HasValue);
        if (reranked > 0 && reranked < rows.Count)
        {
            (reason, detail) = (ImportReasonCodes.NullValue, $"request '{id}': rerank position empty on {rows.Count - reranked} of {rows.Count} rows");
            return null;
        }
        if (reranked > 0)
        {
            rerank = [.. rows.Select(r => r.RerankPosition!.Value)];
            if (PositionProblem(rerank) is { } rerankProblem)
            {
                (reason, detail) = (ImportReasonCodes.BadPositions, $"request '{id}': rerank position {rerankProblem}");
                return null;
            }
        }
        (reason, detail) = (null, null);
        return Build(rows, positions, rerank);
    }

    private RequestBlock Build(List<ImportRow> rows, int[] positions, int[]? rerank)
    {
        var logits = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (int o = 0; o < mapping.Teacher.Count; o++)
        {
            logits[mapping.Teacher[o].Objective] = [.. rows.Select(r => r.Logits[o])];
        }
        var labels = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (int l = 0; l < mapping.Labels.Count; l++)
        {
            labels[mapping.Labels[l].Objective] = [.. rows.Select(r => r.Labels[l])];
        }
        var columns = new Dictionary<string, FeatureColumn>(StringComparer.Ordinal);
        for (int f = 0; f < mapping.Features.Count; f++)
        {
            ImportFeatureMapping feature = mapping.Features[f];
            columns[feature.Name] = feature.Kind switch
            {
                FeatureKind.Categorical => new CategoricalColumn([.. rows.Select(r => r.Ids[f])]),
                FeatureKind.Numeric => new NumericColumn([.. rows.Select(r => r.Numbers[f])]),
                _ => MultiCategoricalColumn.FromRows([.. rows.Select(r => (IReadOnlyList<long>)r.IdLists[f])]),
            };
        }
        return new RequestBlock
        {
            RequestId = rows[0].RequestId,
            EventTime = DateTimeOffset.FromUnixTimeMilliseconds(rows[0].EventTimeMs),
            UserId = rows[0].UserId,
            ItemIds = [.. rows.Select(r => r.ItemId)],
            Positions = positions,
            RerankPositions = rerank,
            TeacherLogits = logits,
            Labels = labels,
            Features = new FeatureBatch(rows.Count, columns),
        };
    }

    /// <summary>Why the non-cut positions are not exactly 1..n, or null.</summary>
    private static string? PositionProblem(int[] positions)
    {
        int ranked = positions.Count(p => p != LogContract.PositionCut);
        var seen = new bool[ranked + 1];
        foreach (int position in positions)
        {
            if (position < 0)
            {
                return "below 1 that is not the cut value";
            }
            if (position == LogContract.PositionCut)
            {
                continue;
            }
            if (position > ranked)
            {
                return $"{position} exceeds the {ranked} ranked candidate(s)";
            }
            if (seen[position])
            {
                return $"{position} appears twice";
            }
            seen[position] = true;
        }
        return null;
    }
}
