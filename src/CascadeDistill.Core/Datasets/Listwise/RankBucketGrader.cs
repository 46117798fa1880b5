using System.Globalization;
using CascadeDistill.Logs;

namespace CascadeDistill.Datasets.Listwise;

/// <summary>
/// Rank-bucket grades declared as a table (e.g. ranks 1–5 → 5, 6–10 → 4): a listed candidate's
/// rank is its teacher position; ranks in no bucket get <see cref="OtherGrade"/>; cut candidates
/// get <see cref="CutGrade"/>. Buckets must not overlap and grades must not rise with rank.
/// </summary>
public sealed class RankBucketGrader : IRelevanceGrader
{
    private readonly RankBucket[] _buckets;

    /// <exception cref="RecipeDefinitionException">The table has errors (all listed).</exception>
    public RankBucketGrader(IReadOnlyList<RankBucket> buckets, int otherGrade = 0, int cutGrade = 0)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        RecipeDefinitionException.ThrowIfAny("grades.rank_buckets", Validate(buckets, otherGrade, cutGrade));
        _buckets = [.. buckets.OrderBy(b => b.FirstRank)];
        OtherGrade = otherGrade;
        CutGrade = cutGrade;
    }

    public int OtherGrade { get; }

    public int CutGrade { get; }

    public static IReadOnlyList<string> Validate(IReadOnlyList<RankBucket> buckets, int otherGrade, int cutGrade)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var errors = new List<string>();
        if (buckets.Count == 0)
        {
            errors.Add("buckets: at least one bucket is needed");
        }
        if (otherGrade < 0)
        {
            errors.Add(Invariant($"other_grade: must not be negative, got {otherGrade}"));
        }
        if (cutGrade < 0)
        {
            errors.Add(Invariant($"cut_grade: must not be negative, got {cutGrade}"));
        }
        for (int i = 0; i < buckets.Count; i++)
        {
            RankBucket bucket = buckets[i];
            if (bucket.FirstRank < 1)
            {
                errors.Add(Invariant($"buckets[{i}]: first rank must be at least 1, got {bucket.FirstRank}"));
            }
            if (bucket.LastRank < bucket.FirstRank)
            {
                errors.Add(Invariant($"buckets[{i}]: last rank ({bucket.LastRank}) is below first rank ({bucket.FirstRank})"));
            }
            if (bucket.Grade < 0)
            {
                errors.Add(Invariant($"buckets[{i}]: grade must not be negative, got {bucket.Grade}"));
            }
            for (int j = 0; j < i; j++)
            {
                RankBucket other = buckets[j];
                if (other.FirstRank <= bucket.LastRank && bucket.FirstRank <= other.LastRank)
                {
                    errors.Add(Invariant($"buckets[{i}]: ranks {bucket.FirstRank}-{bucket.LastRank} overlap buckets[{j}] ({other.FirstRank}-{other.LastRank})"));
                }
                else if ((other.FirstRank < bucket.FirstRank && other.Grade < bucket.Grade)
                    || (bucket.FirstRank < other.FirstRank && bucket.Grade < other.Grade))
                {
                    errors.Add(Invariant($"buckets[{i}]: grade {bucket.Grade} and buckets[{j}] grade {other.Grade} rise with rank; grades must not increase as rank worsens"));
                }
            }
        }
        return errors;
    }

    public void Grade(ReadOnlySpan<int> positions, ReadOnlySpan<float> teacherLogits, Span<int> grades)
    {
        if (grades.Length != positions.Length)
        {
            throw new ArgumentException($"positions ({positions.Length}) and grades ({grades.Length}) must have the same length.");
        }
        for (int i = 0; i < positions.Length; i++)
        {
            int position = positions[i];
            if (position < 0)
            {
                throw new InvalidDataException($"Position {position} is negative.");
            }
            grades[i] = position == LogContract.PositionCut ? CutGrade : GradeOf(position);
        }
    }

    private int GradeOf(int rank)
    {
        foreach (RankBucket bucket in _buckets)
        {
            if (bucket.FirstRank <= rank && rank <= bucket.LastRank)
            {
                return bucket.Grade;
            }
        }
        return OtherGrade;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
