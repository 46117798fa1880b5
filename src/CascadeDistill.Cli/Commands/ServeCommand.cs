using System.CommandLine;
using CascadeDistill.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace CascadeDistill.Cli.Commands;

/// <summary><c>cascade-distill serve [--work-dir DIR] [--pipelines DIR] [--urls URL]</c>: the Hangfire server, dashboard and health endpoint.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    private static readonly Option<string> s_urls = new("--urls")
    {
        Description = $"Address(es) to listen on, ';'-separated (default: {DefaultUrls})",
        DefaultValueFactory = _ => DefaultUrls,
    };

    public static Command Create()
    {
        Option<DirectoryInfo> workDir = CommonOptions.WorkDir();
        Option<DirectoryInfo?> pipelines = CommonOptions.Pipelines();
        var command = new Command("serve", "Run as a service: Hangfire server with every pipeline as a recurring job, dashboard at /hangfire, health at /health")
        {
            workDir, pipelines, s_urls,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            await using WebApplication app = ServeHost.Build(parse.GetValue(s_urls)!, Settings(parse.GetValue(workDir)!, CommonOptions.ResolvePipelines(parse.GetValue(pipelines))));
            await HostingAbstractionsHostExtensions.RunAsync(app, cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    public static IReadOnlyDictionary<string, string?> Settings(DirectoryInfo workDir, DirectoryInfo pipelines) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        [$"{ServeOptions.Section}:{nameof(ServeOptions.WorkDirectory)}"] = workDir.FullName,
        [$"{ServeOptions.Section}:{nameof(ServeOptions.PipelinesDirectory)}"] = pipelines.FullName,
    };
}
