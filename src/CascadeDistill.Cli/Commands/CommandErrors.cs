using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Commands;

/// <summary>
/// Turns a command's failure into a message and an exit code: 2 for usage and definition errors,
/// 130 for cancellation, 3 when another worker is already executing the same run (nothing was done;
/// not a failure: the other worker publishes the result), 1 for everything else. Known error types print their message alone; any
/// other exception also prints its type and stack, so nothing is hidden.
/// </summary>
public static class CommandErrors
{
    /// <summary>Exit code when the run is already being executed by another worker (a live lease).</summary>
    public const int AlreadyRunning = 3;

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is PipelineDefinitionException or PipelineNotFoundException or CascadeDistill.Imports.ImportMappingException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return 2;
        }
        catch (RunAlreadyRunningException ex)
        {
            await Console.Out.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return AlreadyRunning;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return 130;
        }
        catch (Exception ex) when (ex is LogContractException or InvalidDataException or IOException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex).ConfigureAwait(false);
            return 1;
        }
    }
}
