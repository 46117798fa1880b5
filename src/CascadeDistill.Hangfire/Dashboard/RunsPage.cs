using CascadeDistill.Registry;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>The "Runs" page: recent runs with their stages and live progress, row accounting and the student's metrics.</summary>
public sealed class RunsPage(IReadOnlyList<RunRecord> runs, IReadOnlyDictionary<string, RunProgress> progress) : DistillationPage("Runs")
{
    public RunsPage(IReadOnlyList<RunRecord> runs)
        : this(runs, new Dictionary<string, RunProgress>(StringComparer.Ordinal))
    {
    }

    /// <summary>Show a "Rerun" button (a forced rerun, <see cref="DistillationDashboard.RerunPath"/>) on each run that can be rerun.</summary>
    public bool CanRerun { get; init; }

    protected override void Body()
    {
        var superseded = runs.Where(r => r.SupersedesRunId is not null).Select(r => r.SupersedesRunId!).ToHashSet(StringComparer.Ordinal);
        if (runs.Count == 0)
        {
            Markup("<div class=\"alert alert-info\">No runs yet.</div>");
            return;
        }
        Markup("<div class=\"table-responsive\"><table class=\"table table-striped cd runs\"><thead><tr>"
            + "<th>Run</th><th>Pipeline</th><th>Partition</th><th>Status</th><th>Attempt</th><th>Started / finished</th>"
            + "<th>Stages</th><th>Row accounting</th><th>Student metrics</th></tr></thead><tbody>");
        foreach (RunRecord run in runs)
        {
            Markup("<tr><td>");
            RunLink(run.RunId, run.RunId.Length > 8 ? run.RunId[..8] : run.RunId);
            Markup("</td>");
            Cell(run.Pipeline);
            Cell(DashboardFormat.Day(run.Partition));
            Markup("<td>");
            StatusLabel(run.Status.ToString());
            if (run.FailureReason is not null)
            {
                Markup("<br/><small>");
                Text(run.FailureReason);
                Markup("</small>");
            }
            Lineage(run, superseded.Contains(run.RunId));
            Markup("</td>");
            Cell(run.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Markup("<td>");
            Lines([DashboardFormat.Time(run.StartedAt), DashboardFormat.Time(run.FinishedAt)]);
            Markup("</td><td class=\"stages\">");
            Lines(run.Stages.Select(s => $"{s.Stage} {s.Status} {DashboardFormat.Seconds(s.Seconds)}"));
            if (run.Status == RunStatus.Running && progress.TryGetValue(run.RunId, out RunProgress? live))
            {
                Markup("<br/><small class=\"progress-line\">");
                Text(ProgressFormat.Line(live));
                Markup("</small>");
            }
            Markup("</td><td>");
            Lines(DashboardFormat.AccountingSummary(run.RowAccountingJson));
            Markup("</td><td>");
            Lines(DashboardFormat.KeyMetrics(run.MetricsJson).Select(m => m.Key + " " + DashboardFormat.Number(m.Value)));
            Markup("</td></tr>");
        }
        Markup("</tbody></table></div>");
    }

    /// <summary>Forced-rerun lineage, and the admin's "Rerun" button on a Succeeded run that no rerun superseded yet.</summary>
    private void Lineage(RunRecord run, bool isSuperseded)
    {
        if (run.SupersedesRunId is { } predecessor)
        {
            Markup("<br/><small>rerun of ");
            RunLink(predecessor, predecessor.Length > 8 ? predecessor[..8] : predecessor);
            Markup("</small>");
        }
        if (isSuperseded)
        {
            Markup("<br/><small class=\"superseded\">superseded</small>");
        }
        else if (CanRerun && run.Status == RunStatus.Succeeded)
        {
            Markup("<br/><button type=\"button\" class=\"btn btn-xs btn-default rerun\" data-ajax=\"");
            Text(Url.To(DistillationDashboard.RerunPath(run.RunId)));
            Markup("\" data-loading-text=\"Enqueuing…\" data-confirm=\"Rerun this partition? A new run publishes a new version; this run's version stays.\">Rerun</button>");
        }
    }
}
