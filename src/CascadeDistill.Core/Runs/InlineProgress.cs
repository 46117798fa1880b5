namespace CascadeDistill.Runs;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (no synchronisation context hop).</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
