using CascadeDistill.Registry;
using global::Hangfire.Dashboard;
using global::Hangfire.Dashboard.Pages;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>
/// Base of the product's dashboard pages: the dashboard's layout, and helpers that HTML-encode every value
/// (<see cref="Text"/>) — only the pages' own markup goes through <see cref="Markup"/>.
/// </summary>
public abstract class DistillationPage(string title) : RazorPage
{
    /// <summary>Table cells of the pages' tables (<c>cd</c>) stay on one line; key/value tables (<c>cd-auto</c>) are as wide as their content.</summary>
    private const string Style =
        "<style>table.cd td{white-space:nowrap}table.cd td small{white-space:normal}table.table.cd-auto{width:auto;min-width:40%}table.cd-auto td{padding-right:2em}</style>";

    public string Title { get; } = title;

    public sealed override void Execute()
    {
        Layout = new LayoutPage(Title);
        Markup(Style);
        Markup("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">");
        Text(Title);
        Markup("</h1>");
        Body();
        Markup("</div></div>");
    }

    /// <summary>Writes the page's content.</summary>
    protected abstract void Body();

    /// <summary>Writes <paramref name="value"/> HTML-encoded.</summary>
    protected void Text(string? value) => Write(value ?? "");

    /// <summary>Writes the page's own markup as it is; never pass stored values here.</summary>
    protected void Markup(string html) => WriteLiteral(html);

    protected void Cell(string? value)
    {
        Markup("<td>");
        Text(value);
        Markup("</td>");
    }

    protected void Link(string relativePath, string? text)
    {
        Markup("<a href=\"");
        Text(Url.To(relativePath));
        Markup("\">");
        Text(text);
        Markup("</a>");
    }

    protected void RunLink(string runId, string? text) => Link(DistillationDashboard.RunPath(runId), text);

    protected void StatusLabel(string status)
    {
        string css = status switch
        {
            nameof(RunStatus.Succeeded) or nameof(ModelVersionStatus.Ready) => "label-success",
            nameof(RunStatus.Failed) => "label-danger",
            nameof(RunStatus.Running) => "label-info",
            _ => "label-default",
        };
        Markup("<span class=\"label " + css + "\">");
        Text(status);
        Markup("</span>");
    }

    protected void Lines(IEnumerable<string> lines)
    {
        bool first = true;
        foreach (string line in lines)
        {
            if (!first)
            {
                Markup("<br/>");
            }
            Text(line);
            first = false;
        }
    }
}
