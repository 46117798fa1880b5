using CascadeDistill.Logs;

namespace CascadeDistill.Arrow.Logs;

/// <summary>
/// The per-request rules of the log contract, shared by the reader and the writer: distinct items,
/// positions (and re-rank positions) that are exactly 1..n apart from cut rows, finite teacher logits.
/// Holds reusable scratch state; one instance per reader or writer.
/// </summary>
internal sealed class RequestValidator
{
    private readonly HashSet<long> _items = [];
    private bool[] _seen = new bool[64];

    /// <exception cref="LogContractException"><c>duplicate_item</c>, <c>bad_positions</c> or <c>non_finite_logit</c>.</exception>
    public void Validate(RequestBlock block, string file)
    {
        _items.Clear();
        foreach (long item in block.ItemIds)
        {
            if (!_items.Add(item))
            {
                throw new LogContractException(
                    file,
                    LogReasonCodes.DuplicateItem,
                    $"Request '{block.RequestId}' lists item {item} more than once.");
            }
        }
        CheckPositions(block.RequestId, block.Positions, LogContract.Position, file);
        if (block.RerankPositions is not null)
        {
            CheckPositions(block.RequestId, block.RerankPositions, LogContract.RerankPosition, file);
        }
        foreach ((string objective, float[] logits) in block.TeacherLogits)
        {
            int bad = IndexOfNonFinite(logits);
            if (bad >= 0)
            {
                throw new LogContractException(
                    file,
                    LogReasonCodes.NonFiniteLogit,
                    $"Request '{block.RequestId}', item {block.ItemIds[bad]}: {LogContract.TeacherLogitColumn(objective)} is {logits[bad]}.");
            }
        }
    }

    private void CheckPositions(string requestId, int[] positions, string column, string file)
    {
        int ranked = 0;
        foreach (int position in positions)
        {
            if (position < 0)
            {
                throw BadPositions(requestId, column, file, $"position {position} is negative");
            }
            if (position != LogContract.PositionCut)
            {
                ranked++;
            }
        }
        if (_seen.Length < ranked + 1)
        {
            _seen = new bool[Math.Max(ranked + 1, _seen.Length * 2)];
        }
        Array.Clear(_seen, 0, ranked + 1);
        foreach (int position in positions)
        {
            if (position == LogContract.PositionCut)
            {
                continue;
            }
            if (position > ranked)
            {
                throw BadPositions(requestId, column, file, $"position {position} exceeds the {ranked} ranked candidate(s)");
            }
            if (_seen[position])
            {
                throw BadPositions(requestId, column, file, $"position {position} appears twice");
            }
            _seen[position] = true;
        }
    }

    private static LogContractException BadPositions(string requestId, string column, string file, string detail) =>
        new(file, LogReasonCodes.BadPositions, $"Request '{requestId}': {column} {detail}; non-cut positions must be exactly 1..n.");

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
