using System.Globalization;
using System.Net;
using System.Text;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>
/// Draws one metric across a model's versions as a small inline SVG: a polyline with a dot per version (x: version
/// order, labelled v1…vN at the ends), the value range on the y axis. Numbers use the invariant culture; the metric
/// name is HTML-encoded.
/// </summary>
public static class MetricTrendSvg
{
    private const double Width = 320;
    private const double Height = 160;
    private const double Left = 56;
    private const double Right = 16;
    private const double Top = 24;
    private const double Bottom = 28;

    public static string Write(string metric, IReadOnlyList<(int Version, double Value)> points)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfZero(points.Count);
        double min = points.Min(p => p.Value);
        double max = points.Max(p => p.Value);
        double span = max > min ? max - min : Math.Max(Math.Abs(max), 1.0) * 0.1;
        double low = max > min ? min : min - span / 2;
        double plotWidth = Width - Left - Right;
        double plotHeight = Height - Top - Bottom;
        (double X, double Y)[] xy = points
            .Select((p, i) => (
                Left + (points.Count == 1 ? plotWidth / 2 : plotWidth * i / (points.Count - 1)),
                Top + plotHeight * (1 - (p.Value - low) / span)))
            .ToArray();

        var svg = new StringBuilder();
        string label = WebUtility.HtmlEncode(metric);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"metric-trend\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{label} by version\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{label} by version</title>");
        Text(svg, Left, 14, "start", metric);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        Text(svg, Left - 6, Top + 4, "end", DashboardFormat.Number(max));
        Text(svg, Left - 6, Height - Bottom, "end", DashboardFormat.Number(min));
        Text(svg, xy[0].X, Height - Bottom + 16, "middle", "v" + points[0].Version.ToString(CultureInfo.InvariantCulture));
        if (points.Count > 1)
        {
            Text(svg, xy[^1].X, Height - Bottom + 16, "end", "v" + points[^1].Version.ToString(CultureInfo.InvariantCulture));
        }
        svg.Append("<polyline fill=\"none\" stroke=\"#5cb85c\" stroke-width=\"2\" points=\"");
        svg.AppendJoin(' ', xy.Select(p => Coordinate(p.X) + "," + Coordinate(p.Y)));
        svg.Append("\"/>");
        for (int i = 0; i < xy.Length; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Coordinate(xy[i].X)}\" cy=\"{Coordinate(xy[i].Y)}\" r=\"3\" fill=\"#5cb85c\"><title>v{points[i].Version}: {DashboardFormat.Number(points[i].Value)}</title></circle>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Text(StringBuilder svg, double x, double y, string anchor, string text) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Coordinate(x)}\" y=\"{Coordinate(y)}\" text-anchor=\"{anchor}\" font-size=\"12\" fill=\"#555\">{WebUtility.HtmlEncode(text)}</text>");

    private static string Coordinate(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
