using CascadeDistill.Cli.Commands;

return await CliRoot.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
