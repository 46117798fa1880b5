using System.CommandLine;

namespace CascadeDistill.Cli.Commands;

/// <summary>The <c>cascade-distill</c> command tree.</summary>
public static class CliRoot
{
    public static RootCommand Create() => new("CascadeDistill: distil a fine ranker's logged outputs into small recall and pre-ranking students, published as ONNX")
    {
        DemoCommand.Create(),
        SimulateCommand.Create(),
        ImportCommand.Create(),
        ValidateCommand.Create(),
        RunCommand.Create(),
        ModelsCommand.Create(),
        ServeCommand.Create(),
        DashboardPasswordCommand.Create(),
        BenchCommand.Create(),
    };
}
