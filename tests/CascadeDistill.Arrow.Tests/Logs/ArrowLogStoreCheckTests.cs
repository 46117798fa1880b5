using CascadeDistill.Arrow.Logs;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Testing;
using CascadeDistill.Testing.Logs;

namespace CascadeDistill.Arrow.Tests.Logs;

/// <summary>Run-time file checks: truncated files and files still being written are set aside with reason codes, never crash.</summary>
public sealed class ArrowLogStoreCheckTests : IDisposable
{
    private static readonly DateOnly s_day = new(2025, 3, 14);
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(5);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cascade-distill-check-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Check_CompleteFile_CountsItsRows()
    {
        (ArrowLogStore store, LogFileInfo file, int rows) = WriteFile(new SettableTimeProvider(DateTimeOffset.UtcNow.AddHours(1)));

        LogFileCheck check = store.Check(file, CancellationToken.None);

        Assert.True(check.IsComplete);
        Assert.Equal(rows, check.Rows);
    }

    [Fact]
    public void Check_TruncatedOldFile_IsTruncatedFile()
    {
        (ArrowLogStore store, LogFileInfo file, _) = WriteFile(new SettableTimeProvider(DateTimeOffset.UtcNow.AddHours(1)));
        Truncate(file.Path, 0.6);

        LogFileCheck check = store.Check(file with { Bytes = new FileInfo(file.Path).Length }, CancellationToken.None);

        Assert.Equal(LogReasonCodes.TruncatedFile, check.ReasonCode);
        Assert.False(check.IsComplete);
    }

    [Fact]
    public void Check_IncompleteFileModifiedJustNow_IsFileInProgress()
    {
        var time = new SettableTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        (ArrowLogStore store, LogFileInfo file, _) = WriteFile(time);
        Truncate(file.Path, 0.6);
        time.Set(new DateTimeOffset(File.GetLastWriteTimeUtc(file.Path), TimeSpan.Zero).AddSeconds(10));

        LogFileCheck check = store.Check(file, CancellationToken.None);

        Assert.Equal(LogReasonCodes.FileInProgress, check.ReasonCode);
        Assert.Contains("still being written", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_WrittenFile_NamesItsObjectivesLabelsAndFeatures()
    {
        (ArrowLogStore store, LogFileInfo file, _) = WriteFile(TimeProvider.System);

        LogWriteSchema schema = store.Describe(file)!;

        Assert.Equal(["click"], schema.Objectives);
        Assert.True(schema.HasLabels);
        Assert.Equal(
            SampleLogRequests.AllKindsFeatures.Where(f => f.Column.Contains('.', StringComparison.Ordinal)).Select(f => (f.Column, f.Kind)).Order(),
            schema.Features.Select(f => (f.Column, f.Kind)).Order());
    }

    private (ArrowLogStore Store, LogFileInfo File, int Rows) WriteFile(TimeProvider time)
    {
        var store = new ArrowLogStore(_root.FullName, 16, time, s_window);
        IReadOnlyList<FeatureDefinition> features = SampleLogRequests.AllKindsFeatures;
        IReadOnlyList<RequestBlock> blocks = SampleLogRequests.Create(40, ["click"], features, withLabels: true, withRerank: true, seed: 3);
        using (ILogWriter writer = store.CreateWriter(s_day, "part.arrow", new LogWriteSchema(["click"], true, true, features)))
        {
            foreach (RequestBlock block in blocks)
            {
                writer.Write(block);
            }
            writer.Complete();
        }
        return (store, Assert.Single(store.ListFiles(s_day)), blocks.Sum(b => b.Count));
    }

    private static void Truncate(string path, double keep)
    {
        DateTime written = File.GetLastWriteTimeUtc(path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);
        File.SetLastWriteTimeUtc(path, written);
    }
}
