namespace CascadeDistill.Simulation;

/// <summary>
/// Size and shape of a simulated serving log. Defaults make the demo's logs: 8 days of
/// 2,500 requests with 80 candidates each (1.6M rows) over 2,000 users and 5,000 items.
/// </summary>
public sealed record SimulationOptions
{
    public int Seed { get; init; } = 20261122;

    public DateOnly StartDay { get; init; } = new(2026, 11, 1);

    public int Days { get; init; } = 8;

    public int Users { get; init; } = 2_000;

    public int Items { get; init; } = 5_000;

    public int RequestsPerDay { get; init; } = 2_500;

    /// <summary>Candidates the recall stage hands to the fine ranker per request.</summary>
    public int CandidatesPerRequest { get; init; } = 80;

    /// <summary>Length of the final ranked list; the other candidates are logged as cut (position 0).</summary>
    public int ListLength { get; init; } = 30;

    public int Segments { get; init; } = 16;

    public int Categories { get; init; } = 40;

    public int Tags { get; init; } = 200;

    /// <summary>Latent dimension of the hidden preference model.</summary>
    public int LatentDim { get; init; } = 8;

    /// <summary>Standard deviation of the teacher's noise on each objective's logit.</summary>
    public double TeacherNoise { get; init; } = 0.35;

    /// <summary>Position-bias exponent of clicks: P(examine position p) = p^-PositionBias.</summary>
    public double PositionBias { get; init; } = 0.7;

    /// <summary>Every problem with these options (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void AtLeast(string name, int value, int min)
        {
            if (value < min)
            {
                errors.Add($"{name} must be at least {min} (got {value})");
            }
        }
        AtLeast("days", Days, 1);
        AtLeast("users", Users, 1);
        AtLeast("items", Items, 2);
        AtLeast("requests-per-day", RequestsPerDay, 1);
        AtLeast("candidates", CandidatesPerRequest, 2);
        AtLeast("list-length", ListLength, 1);
        AtLeast("segments", Segments, 1);
        AtLeast("categories", Categories, 1);
        AtLeast("tags", Tags, 1);
        AtLeast("latent-dim", LatentDim, 1);
        if (CandidatesPerRequest > Items)
        {
            errors.Add($"candidates ({CandidatesPerRequest}) cannot exceed items ({Items})");
        }
        if (ListLength > CandidatesPerRequest)
        {
            errors.Add($"list-length ({ListLength}) cannot exceed candidates ({CandidatesPerRequest})");
        }
        if (TeacherNoise < 0 || double.IsNaN(TeacherNoise))
        {
            errors.Add($"teacher-noise must be >= 0 (got {TeacherNoise})");
        }
        return errors;
    }
}
