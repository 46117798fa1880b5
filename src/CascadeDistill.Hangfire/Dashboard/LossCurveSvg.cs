using System.Globalization;
using System.Net;
using System.Text;
using CascadeDistill.Training;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>
/// Draws a training curve (mean loss per epoch) as a small inline SVG: one polyline with a point per
/// epoch, a dot per point, the loss range on the y axis and the first and last epoch on the x axis.
/// Numbers are written with the invariant culture.
/// </summary>
public static class LossCurveSvg
{
    private const double Width = 640;
    private const double Height = 240;
    private const double Left = 64;
    private const double Right = 16;
    private const double Top = 16;
    private const double Bottom = 36;

    public static string Write(IReadOnlyList<EpochRecord> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentOutOfRangeException.ThrowIfZero(curve.Count);
        double min = curve.Min(e => e.MeanLoss);
        double max = curve.Max(e => e.MeanLoss);
        double span = max > min ? max - min : Math.Max(Math.Abs(max), 1.0) * 0.1;
        double low = max > min ? min : min - span / 2;
        double plotWidth = Width - Left - Right;
        double plotHeight = Height - Top - Bottom;
        (double X, double Y)[] points = curve
            .Select((e, i) => (
                Left + (curve.Count == 1 ? plotWidth / 2 : plotWidth * i / (curve.Count - 1)),
                Top + plotHeight * (1 - (e.MeanLoss - low) / span)))
            .ToArray();

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"loss-curve\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Training loss per epoch\">");
        svg.Append("<title>Training loss per epoch</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>");
        Text(svg, Left - 6, Top + 4, "end", Number(max));
        Text(svg, Left - 6, Height - Bottom, "end", Number(min));
        Text(svg, points[0].X, Height - Bottom + 16, "middle", "epoch " + curve[0].Epoch.ToString(CultureInfo.InvariantCulture));
        if (curve.Count > 1)
        {
            Text(svg, points[^1].X, Height - Bottom + 16, "end", "epoch " + curve[^1].Epoch.ToString(CultureInfo.InvariantCulture));
        }
        Text(svg, Left + plotWidth / 2, Height - 4, "middle", "mean training loss per epoch");
        svg.Append("<polyline fill=\"none\" stroke=\"#337ab7\" stroke-width=\"2\" points=\"");
        svg.AppendJoin(' ', points.Select(p => Coordinate(p.X) + "," + Coordinate(p.Y)));
        svg.Append("\"/>");
        for (int i = 0; i < points.Length; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Coordinate(points[i].X)}\" cy=\"{Coordinate(points[i].Y)}\" r=\"3\" fill=\"#337ab7\"><title>epoch {curve[i].Epoch}: {Number(curve[i].MeanLoss)}</title></circle>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Text(StringBuilder svg, double x, double y, string anchor, string text) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Coordinate(x)}\" y=\"{Coordinate(y)}\" text-anchor=\"{anchor}\" font-size=\"12\" fill=\"#555\">{WebUtility.HtmlEncode(text)}</text>");

    private static string Coordinate(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
