using System.Text.RegularExpressions;
using CascadeDistill.Simulation;

namespace CascadeDistill.Cli.Tests.Support;

/// <summary>
/// A pipelines folder holding the shipped recall-pointwise.yaml cut down to test size (the sizes of
/// PipelineEndToEndTests: 4-day window, 2 epochs of batch 256, 200 evaluation requests), and the
/// matching tiny simulation.
/// </summary>
public static partial class TinyPipelineFolder
{
    public const string Pipeline = "recall-pointwise";

    public static readonly SimulationOptions Simulation = new()
    {
        Days = 4,
        Users = 300,
        Items = 600,
        RequestsPerDay = 400,
        CandidatesPerRequest = 40,
        ListLength = 15,
    };

    public static DirectoryInfo Create(string directory)
    {
        string yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Pipelines().FullName, Pipeline + ".yaml"));
        yaml = Replace(yaml, WindowDays(), "window_days: 4");
        yaml = Replace(yaml, Epochs(), "epochs: 2");
        yaml = Replace(yaml, BatchSize(), "batch_size: 256");
        yaml = Replace(yaml, MaxRequests(), "max_requests: 200");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, Pipeline + ".yaml"), yaml);
        return new DirectoryInfo(directory);
    }

    private static string Replace(string yaml, Regex pattern, string replacement)
    {
        if (!pattern.IsMatch(yaml))
        {
            throw new InvalidDataException($"The shipped pipeline no longer has a line matching {pattern}.");
        }
        return pattern.Replace(yaml, replacement, 1);
    }

    [GeneratedRegex(@"window_days: \d+")]
    private static partial Regex WindowDays();

    [GeneratedRegex(@"epochs: \d+")]
    private static partial Regex Epochs();

    [GeneratedRegex(@"batch_size: \d+")]
    private static partial Regex BatchSize();

    [GeneratedRegex(@"max_requests: \d+")]
    private static partial Regex MaxRequests();
}
