using Microsoft.Extensions.Options;

namespace CascadeDistill.Cli.Serve;

/// <summary>Rules across <see cref="ServeOptions"/> fields and the file system; runs beside the data-annotation rules, and every failure is reported together.</summary>
public sealed class ServeOptionsValidator : IValidateOptions<ServeOptions>
{
    public ValidateOptionsResult Validate(string? name, ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.ShutdownTimeout <= options.HangfireShutdownTimeout)
        {
            errors.Add($"Serve:ShutdownTimeout ({options.ShutdownTimeout}) must be longer than Serve:HangfireShutdownTimeout ({options.HangfireShutdownTimeout}), or running jobs are cut off without being re-queued.");
        }
        if (!string.IsNullOrWhiteSpace(options.PipelinesDirectory) && !Directory.Exists(options.PipelinesDirectory))
        {
            errors.Add($"Serve:PipelinesDirectory '{options.PipelinesDirectory}' does not exist.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
