using System.CommandLine;
using CascadeDistill.Cli.Commands;

// Ctrl+C / SIGTERM cancel the running command; it gets time to observe the cancellation at the next
// batch and to mark its run and version Failed before the process exits.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
return await CliRoot.Create().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
