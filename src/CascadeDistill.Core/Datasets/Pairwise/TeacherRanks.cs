using CascadeDistill.Logs;

namespace CascadeDistill.Datasets.Pairwise;

/// <summary>
/// Teacher ranks of one request's candidates: a listed candidate's rank is its position; every
/// cut candidate (<see cref="LogContract.PositionCut"/>) shares the rank one below the last
/// listed position, so it ranks below every listed item and ties with the other cut items.
/// </summary>
public static class TeacherRanks
{
    /// <exception cref="InvalidDataException">A position is negative.</exception>
    public static int[] FromPositions(ReadOnlySpan<int> positions)
    {
        int maxPosition = 0;
        foreach (int position in positions)
        {
            if (position < 0)
            {
                throw new InvalidDataException($"Position {position} is negative.");
            }
            maxPosition = Math.Max(maxPosition, position);
        }
        var ranks = new int[positions.Length];
        for (int i = 0; i < positions.Length; i++)
        {
            ranks[i] = positions[i] == LogContract.PositionCut ? maxPosition + 1 : positions[i];
        }
        return ranks;
    }

    /// <summary>Candidate indices ordered by rank, ties by index.</summary>
    public static int[] Order(int[] ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        int[] order = Enumerable.Range(0, ranks.Length).ToArray();
        Array.Sort(order, (a, b) => ranks[a] != ranks[b] ? ranks[a].CompareTo(ranks[b]) : a.CompareTo(b));
        return order;
    }
}
