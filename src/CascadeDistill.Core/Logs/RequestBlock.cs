using CascadeDistill.Features;

namespace CascadeDistill.Logs;

/// <summary>
/// All logged rows of one request: the candidates the fine ranker scored, their teacher logits,
/// their final positions and (optionally) labels and features. Arrays are indexed by candidate.
/// </summary>
public sealed class RequestBlock
{
    public required string RequestId { get; init; }

    public required DateTimeOffset EventTime { get; init; }

    public required long UserId { get; init; }

    public required long[] ItemIds { get; init; }

    /// <summary>1-based position in the final ranked list; <see cref="LogContract.PositionCut"/> for candidates cut.</summary>
    public required int[] Positions { get; init; }

    /// <summary>Optional re-rank positions (same encoding).</summary>
    public int[]? RerankPositions { get; init; }

    /// <summary>Objective → logit per candidate.</summary>
    public required IReadOnlyDictionary<string, float[]> TeacherLogits { get; init; }

    /// <summary>Objective → label per candidate (NaN = unknown). Empty when the log has no labels.</summary>
    public IReadOnlyDictionary<string, float[]> Labels { get; init; } = new Dictionary<string, float[]>();

    /// <summary>Declared features (user-side values repeat on every row of the request), keyed by feature name.</summary>
    public required FeatureBatch Features { get; init; }

    public int Count => ItemIds.Length;
}
