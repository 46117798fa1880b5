using System.Globalization;
using CascadeDistill.Registry;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>
/// The "Models" page: every version of every model, newest first, with its status, the student's metrics
/// and each metric's change from the model's previous version that has metrics, and the export parity; above the
/// table, per model, each student metric across its Ready versions as a trend plot (<see cref="MetricTrendSvg"/>).
/// </summary>
/// <remarks>
/// Forced reruns: a version whose run a forced rerun superseded keeps its row and status, marked "superseded by vN";
/// the rerun's version is marked "rerun of vM" (<paramref name="supersededBy"/>: run id → the run that superseded it).
/// </remarks>
public sealed class ModelsPage(IReadOnlyList<ModelVersion> versions, IReadOnlyDictionary<string, string> supersededBy) : DistillationPage("Models")
{
    public ModelsPage(IReadOnlyList<ModelVersion> versions)
        : this(versions, new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }

    protected override void Body()
    {
        if (versions.Count == 0)
        {
            Markup("<div class=\"alert alert-info\">No model versions yet.</div>");
            return;
        }
        Trends();
        Markup("<div class=\"table-responsive\"><table class=\"table table-striped cd models\"><thead><tr>"
            + "<th>Model</th><th>Version</th><th>Status</th><th>Pipeline</th><th>Run</th><th>Created</th>"
            + "<th>Student metrics (Δ vs previous version)</th><th>Parity</th></tr></thead><tbody>");
        foreach (IGrouping<string, ModelVersion> model in versions.GroupBy(v => v.ModelName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            ModelVersion[] ordered = model.OrderBy(v => v.Version).ToArray();
            for (int i = ordered.Length - 1; i >= 0; i--)
            {
                ModelVersion? previous = ordered.Take(i).LastOrDefault(v => v.MetricsJson is not null);
                Row(ordered[i], previous);
            }
        }
        Markup("</tbody></table></div>");
    }

    private void Trends()
    {
        foreach (IGrouping<string, ModelVersion> model in versions
            .Where(v => v.Status == ModelVersionStatus.Ready && v.MetricsJson is not null)
            .GroupBy(v => v.ModelName, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            ModelVersion[] ready = model.OrderBy(v => v.Version).ToArray();
            var series = new SortedDictionary<string, List<(int Version, double Value)>>(StringComparer.Ordinal);
            foreach (ModelVersion version in ready)
            {
                foreach ((string metric, double value) in DashboardFormat.KeyMetrics(version.MetricsJson))
                {
                    if (!series.TryGetValue(metric, out List<(int, double)>? points))
                    {
                        series[metric] = points = [];
                    }
                    points.Add((version.Version, value));
                }
            }
            Markup("<h3>");
            Text(model.Key);
            Markup(" <small>student metrics by Ready version</small></h3><div class=\"trends\">");
            foreach ((string metric, List<(int Version, double Value)> points) in series)
            {
                Markup(MetricTrendSvg.Write(metric, points));
            }
            Markup("</div>");
        }
    }

    private void Row(ModelVersion version, ModelVersion? previous)
    {
        Markup("<tr>");
        Cell(version.ModelName);
        Cell("v" + version.Version.ToString(CultureInfo.InvariantCulture));
        Markup("<td>");
        StatusLabel(version.Status.ToString());
        if (version.FailureReason is not null)
        {
            Markup("<br/><small>");
            Text(version.FailureReason);
            Markup("</small>");
        }
        Lineage(version);
        Markup("</td>");
        Cell(version.Pipeline);
        Markup("<td>");
        RunLink(version.RunId, version.RunId.Length > 8 ? version.RunId[..8] : version.RunId);
        Markup("</td>");
        Cell(DashboardFormat.Time(version.CreatedAt));
        Markup("<td class=\"metrics\">");
        Dictionary<string, double> before = DashboardFormat.KeyMetrics(previous?.MetricsJson).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Lines(DashboardFormat.KeyMetrics(version.MetricsJson).Select(m =>
            m.Key + " " + DashboardFormat.Number(m.Value)
            + (before.TryGetValue(m.Key, out double old)
                ? $" ({DashboardFormat.Delta(m.Value - old)} vs v{previous!.Version.ToString(CultureInfo.InvariantCulture)})"
                : "")));
        Markup("</td><td>");
        Lines(DashboardFormat.ParitySummary(version.ParityJson));
        Markup("</td></tr>");
    }

    /// <summary>"superseded by vN" / "rerun of vM" for versions of runs linked by a forced rerun.</summary>
    private void Lineage(ModelVersion version)
    {
        if (supersededBy.TryGetValue(version.RunId, out string? successor))
        {
            Markup("<br/><small class=\"superseded\">superseded by ");
            Text(VersionOfRun(version.ModelName, successor));
            Markup("</small>");
        }
        string? predecessor = supersededBy.FirstOrDefault(p => string.Equals(p.Value, version.RunId, StringComparison.Ordinal)).Key;
        if (predecessor is not null)
        {
            Markup("<br/><small class=\"rerun-of\">rerun of ");
            Text(VersionOfRun(version.ModelName, predecessor));
            Markup("</small>");
        }
    }

    private string VersionOfRun(string modelName, string runId) =>
        versions.Where(v => v.ModelName == modelName && v.RunId == runId && v.Status != ModelVersionStatus.Failed)
            .Select(v => "v" + v.Version.ToString(CultureInfo.InvariantCulture))
            .LastOrDefault() ?? "run " + (runId.Length > 8 ? runId[..8] : runId);
}
