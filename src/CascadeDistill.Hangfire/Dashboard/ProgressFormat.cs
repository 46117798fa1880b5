using System.Globalization;
using CascadeDistill.Registry;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>A Running run's live progress as one line: stage, percentage, epoch, rows, loss and when it was reported.</summary>
public static class ProgressFormat
{
    public static string Line(RunProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var parts = new List<string> { progress.Stage.ToString() };
        if (progress.Fraction is { } fraction)
        {
            parts.Add(fraction.ToString("0%", CultureInfo.InvariantCulture));
        }
        if (progress.Epoch is { } epoch)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{progress.Epochs?.ToString(CultureInfo.InvariantCulture) ?? "?"}"));
        }
        if (progress.Rows is { } rows)
        {
            parts.Add(DashboardFormat.Count(rows) + " rows");
        }
        if (progress.Loss is { } loss)
        {
            parts.Add("loss " + DashboardFormat.Number(loss));
        }
        if (progress.Epoch is null && !string.IsNullOrEmpty(progress.Message))
        {
            parts.Add(progress.Message);
        }
        return string.Join(", ", parts) + " (at " + DashboardFormat.Time(progress.UpdatedAt) + ")";
    }
}
