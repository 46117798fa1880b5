using System.CommandLine;
using CascadeDistill.Hangfire.Dashboard.Authorization;

namespace CascadeDistill.Cli.Commands;

/// <summary>
/// <c>cascade-distill dashboard-password</c>: reads a password from standard input (first line) and prints its
/// PBKDF2-SHA256 hash for <c>Serve:Dashboard:Users:N:PasswordHash</c>. The password never appears on the command line.
/// </summary>
public static class DashboardPasswordCommand
{
    private static readonly Option<int> s_iterations = new("--iterations")
    {
        Description = $"PBKDF2 iterations (default {DashboardPasswordHash.DefaultIterations})",
        DefaultValueFactory = _ => DashboardPasswordHash.DefaultIterations,
    };

    public static Command Create()
    {
        var command = new Command("dashboard-password", "Hash a dashboard password read from standard input, for Serve:Dashboard:Users in appsettings or the environment") { s_iterations };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            int iterations = parse.GetValue(s_iterations);
            if (iterations < DashboardPasswordHash.MinIterations)
            {
                throw new UsageException($"--iterations must be at least {DashboardPasswordHash.MinIterations}.");
            }

            string? password = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(password))
            {
                throw new UsageException("no password on standard input (e.g. read -rs pw; printf '%s\\n' \"$pw\" | cascade-distill dashboard-password).");
            }

            await Console.Out.WriteLineAsync(DashboardPasswordHash.Create(password, iterations)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
