using CascadeDistill.Logs;

namespace CascadeDistill.Simulation;

/// <summary>
/// Writes a simulator's days into a log store (one file per day) and its catalogue. Days that
/// already have a partition are left untouched (the simulator is deterministic, so rerunning with
/// the same options changes nothing).
/// </summary>
public sealed class SimulateLogs(ILogStore logs, ICatalogueStore catalogue)
{
    public const string FileName = "part-00000.arrow";

    public SimulateLogsResult Write(LogSimulator simulator, Action<double, string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        Catalogue items = simulator.CreateCatalogue();
        if (!catalogue.Exists)
        {
            catalogue.Write(items, SimulatedFeatures.Item);
        }
        HashSet<DateOnly> existing = logs.ListDays().ToHashSet();
        var written = new List<DateOnly>();
        var skipped = new List<DateOnly>();
        long rows = 0;
        long requests = 0;
        DateOnly[] days = simulator.Days.ToArray();
        for (int d = 0; d < days.Length; d++)
        {
            DateOnly day = days[d];
            if (existing.Contains(day))
            {
                skipped.Add(day);
                progress?.Invoke((d + 1.0) / days.Length, $"{day:yyyy-MM-dd} exists, kept");
                continue;
            }
            using (ILogWriter writer = logs.CreateWriter(day, FileName, simulator.Schema))
            {
                foreach (RequestBlock block in simulator.SimulateDay(day))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Write(block);
                    rows += block.Count;
                    requests++;
                }
                writer.Complete();
            }
            written.Add(day);
            progress?.Invoke((d + 1.0) / days.Length, $"{day:yyyy-MM-dd} written ({requests:N0} requests, {rows:N0} rows so far)");
        }
        return new SimulateLogsResult(written, skipped, rows, requests, items.Count);
    }
}
