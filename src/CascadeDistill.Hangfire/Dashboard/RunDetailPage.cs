using System.Globalization;
using CascadeDistill.Registry;
using CascadeDistill.Training;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>One run: its identity, live progress while Running, stages, row accounting, metrics (metric × scorer) and training loss curve.</summary>
public sealed class RunDetailPage(RunRecord run, RunProgress? progress) : DistillationPage("Run " + run.RunId)
{
    public RunDetailPage(RunRecord run)
        : this(run, null)
    {
    }

    protected override void Body()
    {
        Markup("<dl class=\"dl-horizontal\">");
        Term("Pipeline", run.Pipeline);
        Term("Partition", DashboardFormat.Day(run.Partition));
        Term("Window", DashboardFormat.Day(run.WindowFirst) + " … " + DashboardFormat.Day(run.WindowLast));
        Term("Config hash", run.ConfigHash);
        Markup("<dt>Status</dt><dd>");
        StatusLabel(run.Status.ToString());
        Markup("</dd>");
        Term("Attempt", run.Attempt.ToString(CultureInfo.InvariantCulture));
        if (run.SupersedesRunId is { } superseded)
        {
            Term("Generation", run.Generation.ToString(CultureInfo.InvariantCulture));
            Markup("<dt>Forced rerun of</dt><dd>");
            RunLink(superseded, superseded);
            Markup("</dd>");
        }
        Term("Started", DashboardFormat.Time(run.StartedAt));
        Term("Finished", DashboardFormat.Time(run.FinishedAt));
        if (run.FailureReason is not null)
        {
            Term("Failure reason", run.FailureReason);
        }
        if (progress is not null && run.Status == RunStatus.Running)
        {
            Term("Progress", ProgressFormat.Line(progress));
        }
        Markup("</dl>");

        Markup("<h3>Stages</h3><table class=\"table table-condensed stages\"><thead><tr><th>Stage</th><th>Status</th><th>Started</th><th>Seconds</th><th>Failure reason</th></tr></thead><tbody>");
        foreach (StageRecord stage in run.Stages)
        {
            Markup("<tr>");
            Cell(stage.Stage.ToString());
            Markup("<td>");
            StatusLabel(stage.Status.ToString());
            Markup("</td>");
            Cell(DashboardFormat.Time(stage.StartedAt));
            Cell(DashboardFormat.Seconds(stage.Seconds));
            Cell(stage.FailureReason);
            Markup("</tr>");
        }
        Markup("</tbody></table>");

        Markup("<h3>Training loss</h3>");
        IReadOnlyList<EpochRecord>? curve = TrainingCurveJson.Parse(run.FindStage(RunStage.TrainStudent)?.OutputJson);
        if (curve is { Count: > 0 })
        {
            Markup(LossCurveSvg.Write(curve));
        }
        else
        {
            Markup("<p class=\"text-muted\">No training curve recorded for this run.</p>");
        }

        Markup("<h3>Row accounting</h3>");
        Figures(JsonFigures.Flatten(run.RowAccountingJson));
        Markup("<h3>Metrics</h3>");
        MetricTable(JsonFigures.Numbers(run.MetricsJson));
    }

    private void Term(string term, string? value)
    {
        Markup("<dt>");
        Text(term);
        Markup("</dt><dd>");
        Text(value);
        Markup("</dd>");
    }

    private void Figures(IReadOnlyList<KeyValuePair<string, string>> figures)
    {
        if (figures.Count == 0)
        {
            Markup("<p class=\"text-muted\">None recorded.</p>");
            return;
        }
        Markup("<table class=\"table table-condensed cd-auto accounting\"><tbody>");
        foreach ((string key, string value) in figures)
        {
            Markup("<tr>");
            Cell(key);
            Cell(value);
            Markup("</tr>");
        }
        Markup("</tbody></table>");
    }

    /// <summary>Metrics keyed <c>scorer.metric</c> as a table with a row per metric and a column per scorer.</summary>
    private void MetricTable(IReadOnlyList<KeyValuePair<string, double>> figures)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string key, double value) in figures)
        {
            metrics[key] = value;
        }
        if (metrics.Count == 0)
        {
            Markup("<p class=\"text-muted\">None recorded.</p>");
            return;
        }
        static (string Scorer, string Metric) Split(string key) =>
            key.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? (key[..dot], key[(dot + 1)..]) : ("", key);
        string[] scorers = figures.Select(p => Split(p.Key).Scorer).Distinct(StringComparer.Ordinal).ToArray();
        string[] names = figures.Select(p => Split(p.Key).Metric).Distinct(StringComparer.Ordinal).ToArray();
        Markup("<table class=\"table table-condensed cd-auto metrics\"><thead><tr><th>Metric</th>");
        foreach (string scorer in scorers)
        {
            Markup("<th>");
            Text(scorer);
            Markup("</th>");
        }
        Markup("</tr></thead><tbody>");
        foreach (string name in names)
        {
            Markup("<tr>");
            Cell(name);
            foreach (string scorer in scorers)
            {
                string key = scorer.Length == 0 ? name : scorer + "." + name;
                Cell(metrics.TryGetValue(key, out double value) ? DashboardFormat.Number(value) : "—");
            }
            Markup("</tr>");
        }
        Markup("</tbody></table>");
    }
}
