namespace CascadeDistill.Runs;

/// <summary>
/// The days a run reads: <c>WindowDays</c> days ending at the partition; the last
/// <c>HoldoutDays</c> are held out for evaluation, the rest train.
/// </summary>
public sealed record RunWindow(DateOnly Partition, IReadOnlyList<DateOnly> TrainDays, IReadOnlyList<DateOnly> HoldoutDays)
{
    public DateOnly First => TrainDays.Count > 0 ? TrainDays[0] : HoldoutDays[0];

    public DateOnly Last => Partition;

    /// <summary>The window ending at <paramref name="partition"/>; throws listing every missing day.</summary>
    public static RunWindow Resolve(DateOnly partition, int windowDays, int holdoutDays, IReadOnlyCollection<DateOnly> available)
    {
        ArgumentNullException.ThrowIfNull(available);
        DateOnly[] days = Enumerable.Range(0, windowDays).Select(i => partition.AddDays(i - windowDays + 1)).ToArray();
        DateOnly[] missing = days.Where(d => !available.Contains(d)).ToArray();
        if (missing.Length > 0)
        {
            string have = available.Count == 0 ? "none" : $"{available.Min():yyyy-MM-dd}..{available.Max():yyyy-MM-dd} ({available.Count} days)";
            throw new InvalidDataException(
                $"The {windowDays}-day window ending {partition:yyyy-MM-dd} is missing log partitions: " +
                string.Join(", ", missing.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))) +
                $". Available: {have}.");
        }
        return new RunWindow(partition, days[..^holdoutDays], days[^holdoutDays..]);
    }
}
