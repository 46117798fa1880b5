namespace CascadeDistill.Cli.Commands;

/// <summary>The command line asked for something invalid; exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
