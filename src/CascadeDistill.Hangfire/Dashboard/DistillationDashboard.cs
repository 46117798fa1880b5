using CascadeDistill.Registry;
using global::Hangfire.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Hangfire.Dashboard;

/// <summary>
/// Adds the product's pages to the Hangfire dashboard — Runs (<see cref="RunsPath"/>, with an admin-only "Rerun"
/// command, <see cref="RerunPath"/>), a run's detail and Models (<see cref="ModelsPath"/>) — with their menu entries. Hangfire's routes and menu are
/// process-wide, so this registers once however many hosts a process builds. Data comes from the
/// request's <see cref="IRunStore"/> and <see cref="IModelRegistry"/>.
/// </summary>
public static class DistillationDashboard
{
    public const string RunsPath = "/runs";
    public const string ModelsPath = "/models";

    /// <summary>How many recent runs the Runs page lists.</summary>
    public const int RecentRuns = 100;

    private static readonly Lock s_gate = new();
    private static bool s_registered;

    /// <summary>The path the Runs page's "Rerun" button posts to (admins only, antiforgery token required).</summary>
    public static string RerunPath(string runId) => RunPath(runId) + "/rerun";

    public static string RunPath(string runId)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return RunsPath + "/" + Uri.EscapeDataString(runId);
    }

    public static void AddPages()
    {
        lock (s_gate)
        {
            if (s_registered)
            {
                return;
            }
            DashboardRoutes.Routes.Add(RunsPath, new PreloadedPageDispatcher<RunsPageModel>(
                async (services, context, token) => await RunsPageModel.LoadAsync(
                    services.GetRequiredService<IRunStore>(), services.GetService<IRunProgressStore>(), RecentRuns, token).ConfigureAwait(false) with
                {
                    CanRerun = !context.IsReadOnly,
                },
                model => new RunsPage(model.Runs, model.Progress) { CanRerun = model.CanRerun }));
            DashboardRoutes.Routes.Add(RunsPath + "/(?<runId>[^/]+)/rerun", new RerunDispatcher());
            DashboardRoutes.Routes.Add(RunsPath + "/(?<runId>[^/]+)", new PreloadedPageDispatcher<RunDetailPageModel>(
                (services, context, token) => RunDetailPageModel.LoadAsync(
                    services.GetRequiredService<IRunStore>(), services.GetService<IRunProgressStore>(),
                    Uri.UnescapeDataString(context.UriMatch.Groups["runId"].Value), token),
                model => new RunDetailPage(model.Run, model.Progress)));
            DashboardRoutes.Routes.Add(ModelsPath, new PreloadedPageDispatcher<ModelsPageModel>(
                (services, _, token) => ModelsPageModel.LoadAsync(services.GetRequiredService<IModelRegistry>(), services.GetRequiredService<IRunStore>(), token)!,
                model => new ModelsPage(model.Versions, model.SupersededBy)));
            NavigationMenu.Items.Add(page => new MenuItem("Runs", page.Url.To(RunsPath)) { Active = page.RequestPath.StartsWith(RunsPath, StringComparison.Ordinal) });
            NavigationMenu.Items.Add(page => new MenuItem("Models", page.Url.To(ModelsPath)) { Active = page.RequestPath.StartsWith(ModelsPath, StringComparison.Ordinal) });
            s_registered = true;
        }
    }
}
