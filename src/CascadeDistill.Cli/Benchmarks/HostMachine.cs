using System.Runtime.InteropServices;
using CascadeDistill.Benchmarks;

namespace CascadeDistill.Cli.Benchmarks;

/// <summary>Describes the machine a benchmark runs on (OS, runtime, cores, memory, CPU model from /proc/cpuinfo on Linux).</summary>
public static class HostMachine
{
    public static BenchmarkMachine Describe()
    {
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new BenchmarkMachine(
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            Environment.ProcessorCount,
            memory > 0 ? memory : null,
            CpuModel());
    }

    private static string? CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        try
        {
            if (!File.Exists(cpuInfo))
            {
                return null;
            }
            string? line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
