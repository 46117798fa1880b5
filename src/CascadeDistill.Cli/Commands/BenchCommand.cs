using System.CommandLine;

namespace CascadeDistill.Cli.Commands;

/// <summary><c>cascade-distill bench …</c>: benchmarks that write a report (never timed tests).</summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Benchmarks that train on simulated logs and write a report")
    {
        BenchQualityCommand.Create(),
    };
}
