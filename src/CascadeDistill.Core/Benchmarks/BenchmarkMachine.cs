namespace CascadeDistill.Benchmarks;

/// <summary>Where a benchmark ran (the executable describes its host; Core only carries it).</summary>
/// <param name="Os">Operating system description.</param>
/// <param name="Runtime">.NET runtime description.</param>
/// <param name="Architecture">Process architecture (x64, arm64…).</param>
/// <param name="LogicalCores">Logical processors visible to the process.</param>
/// <param name="MemoryBytes">Physical memory available to the process, when known.</param>
/// <param name="Cpu">CPU model, when known.</param>
public sealed record BenchmarkMachine(string Os, string Runtime, string Architecture, int LogicalCores, long? MemoryBytes, string? Cpu);
