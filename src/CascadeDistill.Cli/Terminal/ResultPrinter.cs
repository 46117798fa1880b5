using System.Globalization;
using CascadeDistill.Runs;

namespace CascadeDistill.Cli.Terminal;

/// <summary>Prints a run's result: a metrics table (student beside baselines and teacher) and the artifact paths.</summary>
public static class ResultPrinter
{
    private static readonly string[] s_scorers = ["student", "popularity", "random", "teacher"];

    public static void Print(TextWriter output, PipelineRunResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        var metricNames = result.Metrics.Keys
            .Select(k => k[(k.IndexOf('.', StringComparison.Ordinal) + 1)..])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        int nameWidth = Math.Max(28, metricNames.Select(n => n.Length).DefaultIfEmpty(0).Max() + 2);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Pipeline} · partition {result.Partition:yyyy-MM-dd} · run {result.RunId}{(result.AlreadyDone ? " (already done)" : string.Empty)}"));
        output.WriteLine(("metric".PadRight(nameWidth)) + string.Concat(s_scorers.Select(s => s.PadLeft(12))));
        output.WriteLine(new string('-', nameWidth + (12 * s_scorers.Length)));
        foreach (string metric in metricNames)
        {
            output.Write(metric.PadRight(nameWidth));
            foreach (string scorer in s_scorers)
            {
                string cell = result.Metrics.TryGetValue(scorer + "." + metric, out double value) && !double.IsNaN(value)
                    ? value.ToString("F4", CultureInfo.InvariantCulture)
                    : "—";
                output.Write(cell.PadLeft(12));
            }
            output.WriteLine();
        }
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Model    {result.Version.ModelName} v{result.Version.Version} ({result.Version.Status})"));
        output.WriteLine($"Folder   {result.VersionDirectory}");
        foreach (string onnx in result.OnnxPaths)
        {
            output.WriteLine($"ONNX     {onnx}");
        }
        output.WriteLine($"Vectors  {result.EmbeddingsPath}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Parity   ONNX Runtime vs TorchSharp max |Δ| = {result.ParityMaxAbsDiff:E2}"));
        if (result.TimingsSeconds.Count > 0)
        {
            output.WriteLine("Timings  " + string.Join(", ", result.TimingsSeconds.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F1}s"))));
        }
    }
}
