using Apache.Arrow.Ipc;
using CascadeDistill.Arrow.Logs;
using CascadeDistill.Arrow.Tests.Support;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Testing;
using CascadeDistill.Testing.Logs;

namespace CascadeDistill.Arrow.Tests.Logs;

public sealed class ArrowLogStoreTests : IDisposable
{
    private static readonly DateOnly s_day = new(2025, 3, 14);
    private static readonly string[] s_objectives = ["click", "purchase"];

    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ReadRequests_AllFeatureKindsLabelsAndRerank_RoundTripsEveryValue()
    {
        // 7 rows per batch against requests of 1..9 rows: many requests straddle batch boundaries.
        var store = new ArrowLogStore(_scratch.Path, rowsPerBatch: 7);
        IReadOnlyList<FeatureDefinition> features = SampleLogRequests.AllKindsFeatures;
        IReadOnlyList<RequestBlock> written = SampleLogRequests.Create(60, s_objectives, features, withLabels: true, withRerank: true, seed: 11);
        LogFileInfo file = Write(store, "part-0.arrow", new LogWriteSchema(s_objectives, true, true, features), written);

        List<RequestBlock> read = [.. store.ReadRequests(file, new LogReadRequest(s_objectives, features, ReadLabels: true), CancellationToken.None)];

        Assert.Equal(written.Count, read.Count);
        for (int i = 0; i < written.Count; i++)
        {
            RequestAssert.Equal(written[i], read[i], features, labels: true, rerank: true);
        }
        Assert.Contains(read, r => r.RerankPositions is null);
        Assert.Contains(read, r => r.Labels["click"].Any(float.IsNaN));
    }

    [Fact]
    public void ReadRequests_RequestLargerThanBatch_ReturnsOneBlockAcrossBatches()
    {
        var store = new ArrowLogStore(_scratch.Path, rowsPerBatch: 4);
        IReadOnlyList<FeatureDefinition> features = SampleLogRequests.AllKindsFeatures;
        RequestBlock big = SampleLogRequests.Create(40, s_objectives, features, true, false, seed: 3).MaxBy(r => r.Count)!;
        RequestBlock small = SampleLogRequests.Create(1, s_objectives, features, true, false, seed: 4)[0];
        LogFileInfo file = Write(store, "big.arrow", new LogWriteSchema(s_objectives, true, false, features), [big, small]);

        List<RequestBlock> read = [.. store.ReadRequests(file, new LogReadRequest(s_objectives, features, true), CancellationToken.None)];

        Assert.True(big.Count > 4);
        Assert.True(CountBatches(file.Path) >= 2);
        Assert.Equal(2, read.Count);
        RequestAssert.Equal(big, read[0], features, labels: true, rerank: false);
        RequestAssert.Equal(small, read[1], features, labels: true, rerank: false);
    }

    [Fact]
    public void ReadRequests_SubsetRequested_ReadsOnlyRequestedColumns()
    {
        var store = new ArrowLogStore(_scratch.Path);
        IReadOnlyList<FeatureDefinition> features = SampleLogRequests.AllKindsFeatures;
        IReadOnlyList<RequestBlock> written = SampleLogRequests.Create(5, s_objectives, features, true, true, seed: 5);
        LogFileInfo file = Write(store, "part-0.arrow", new LogWriteSchema(s_objectives, true, true, features), written);
        FeatureDefinition[] subset = [features[2], features[4]];

        List<RequestBlock> read = [.. store.ReadRequests(file, new LogReadRequest(["purchase"], subset, ReadLabels: false), CancellationToken.None)];

        Assert.Equal(written.Count, read.Count);
        Assert.All(read, r => Assert.Equal(["purchase"], r.TeacherLogits.Keys));
        Assert.All(read, r => Assert.Empty(r.Labels));
        Assert.All(read, r => Assert.Equal(subset.Select(f => f.Name).Order(StringComparer.Ordinal), r.Features.Columns.Keys.Order(StringComparer.Ordinal)));
        Assert.Equal(written[3].TeacherLogits["purchase"], read[3].TeacherLogits["purchase"]);
    }

    [Fact]
    public void ReadRequests_LabelsRequestedButNotLogged_ReturnsNoLabels()
    {
        var store = new ArrowLogStore(_scratch.Path);
        IReadOnlyList<RequestBlock> written = SampleLogRequests.Create(3, s_objectives, [], false, false, seed: 6);
        LogFileInfo file = Write(store, "part-0.arrow", new LogWriteSchema(s_objectives, false, false, []), written);

        List<RequestBlock> read = [.. store.ReadRequests(file, new LogReadRequest(s_objectives, [], ReadLabels: true), CancellationToken.None)];

        Assert.Equal(3, read.Count);
        Assert.All(read, r => Assert.Empty(r.Labels));
        Assert.All(read, r => Assert.Null(r.RerankPositions));
    }

    [Fact]
    public void ReadRequests_EmptyFile_ReturnsNoRequests()
    {
        var store = new ArrowLogStore(_scratch.Path);
        LogFileInfo file = Write(store, "empty.arrow", new LogWriteSchema(s_objectives, false, false, []), []);

        Assert.Empty(store.ReadRequests(file, new LogReadRequest(s_objectives, [], false), CancellationToken.None));
        Assert.Equal([s_day], store.ListDays());
    }

    [Fact]
    public void ReadRequests_CancelledToken_ThrowsOperationCanceled()
    {
        var store = new ArrowLogStore(_scratch.Path);
        LogFileInfo file = Write(store, "part-0.arrow", new LogWriteSchema(s_objectives, false, false, []), SampleLogRequests.Create(3, s_objectives, [], false, false, 1));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => store.ReadRequests(file, new LogReadRequest(s_objectives, [], false), cancellation.Token).ToList());
    }

    [Fact]
    public void Complete_WrittenFile_CarriesContractMetadataAndTypes()
    {
        var store = new ArrowLogStore(_scratch.Path);
        LogFileInfo file = Write(store, "part-0.arrow", new LogWriteSchema(s_objectives, true, true, SampleLogRequests.AllKindsFeatures), SampleLogRequests.Create(2, s_objectives, SampleLogRequests.AllKindsFeatures, true, true, 2));

        using FileStream stream = File.OpenRead(file.Path);
        using var reader = new ArrowFileReader(stream);
        Apache.Arrow.Schema schema = reader.Schema;

        Assert.Equal("1", schema.Metadata[LogContract.VersionMetadataKey]);
        Assert.Equal("click,purchase", schema.Metadata[LogContract.ObjectivesMetadataKey]);
        Assert.Equal(
            ["request_id", "event_time", "user_id", "item_id", "position", "rerank_position", "teacher.click", "teacher.purchase",
             "label.click", "label.purchase", "user.segments", "user.age", "item.tags", "item.price"],
            schema.FieldsList.Select(f => f.Name));
        var eventTime = Assert.IsType<Apache.Arrow.Types.TimestampType>(schema.GetFieldByName("event_time").DataType);
        Assert.Equal(Apache.Arrow.Types.TimeUnit.Millisecond, eventTime.Unit);
        Assert.Equal("UTC", eventTime.Timezone);
        Assert.False(schema.GetFieldByName("teacher.click").IsNullable);
        Assert.True(schema.GetFieldByName("label.click").IsNullable);
        Assert.Equal(new FileInfo(file.Path).Length, file.Bytes);
        Assert.Equal(s_day, file.Day);
    }

    [Fact]
    public void CreateWriter_DisposedWithoutComplete_LeavesNoFile()
    {
        var store = new ArrowLogStore(_scratch.Path, rowsPerBatch: 3);
        using (ILogWriter writer = store.CreateWriter(s_day, "part-0.arrow", new LogWriteSchema(s_objectives, false, false, [])))
        {
            foreach (RequestBlock block in SampleLogRequests.Create(10, s_objectives, [], false, false, 8))
            {
                writer.Write(block);
            }
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(store.PartitionPath(s_day)));
        Assert.Empty(store.ListDays());
        Assert.Empty(store.ListFiles(s_day));
    }

    [Fact]
    public void ListDays_PartitionWithOnlyUnfinishedFiles_IsNotListed()
    {
        var store = new ArrowLogStore(_scratch.Path);
        Write(store, "part-0.arrow", new LogWriteSchema(s_objectives, false, false, []), SampleLogRequests.Create(2, s_objectives, [], false, false, 1));
        string otherDay = store.PartitionPath(s_day.AddDays(1));
        Directory.CreateDirectory(otherDay);
        File.WriteAllText(Path.Combine(otherDay, ".part-0.arrow.0123.tmp"), "partial");
        File.WriteAllText(Path.Combine(otherDay, "part-1.arrow.tmp"), "partial");
        File.WriteAllText(Path.Combine(otherDay, ".hidden.arrow"), "partial");
        Directory.CreateDirectory(store.PartitionPath(s_day.AddDays(2)));
        Directory.CreateDirectory(Path.Combine(_scratch.Path, "dt=not-a-day"));

        Assert.Equal([s_day], store.ListDays());
        Assert.Empty(store.ListFiles(s_day.AddDays(1)));
    }

    [Fact]
    public void ListFiles_CompleteAndTemporaryFiles_ListsCompleteFilesInNameOrder()
    {
        var store = new ArrowLogStore(_scratch.Path);
        var schema = new LogWriteSchema(s_objectives, false, false, []);
        Write(store, "part-1.arrow", schema, SampleLogRequests.Create(2, s_objectives, [], false, false, 1));
        Write(store, "part-0.arrow", schema, SampleLogRequests.Create(2, s_objectives, [], false, false, 2));
        File.WriteAllText(Path.Combine(store.PartitionPath(s_day), ".part-2.arrow.abc.tmp"), "partial");

        IReadOnlyList<LogFileInfo> files = store.ListFiles(s_day);

        Assert.Equal(["part-0.arrow", "part-1.arrow"], files.Select(f => Path.GetFileName(f.Path)));
        Assert.All(files, f => Assert.Equal(new FileInfo(f.Path).Length, f.Bytes));
    }

    [Fact]
    public void ListDays_SeveralPartitions_ReturnsAscending()
    {
        var store = new ArrowLogStore(_scratch.Path);
        var schema = new LogWriteSchema(s_objectives, false, false, []);
        foreach (DateOnly day in new[] { s_day.AddDays(2), s_day, s_day.AddDays(1) })
        {
            using ILogWriter writer = store.CreateWriter(day, "part-0.arrow", schema);
            writer.Complete();
        }

        Assert.Equal([s_day, s_day.AddDays(1), s_day.AddDays(2)], store.ListDays());
    }

    [Fact]
    public void ListDays_MissingRoot_ReturnsEmpty()
    {
        var store = new ArrowLogStore(_scratch.Combine("absent"));

        Assert.Empty(store.ListDays());
        Assert.Empty(store.ListFiles(s_day));
    }

    [Theory]
    [InlineData("part.parquet")]
    [InlineData(".part.arrow")]
    [InlineData("sub/part.arrow")]
    public void CreateWriter_InvalidFileName_ThrowsArgumentException(string fileName)
    {
        var store = new ArrowLogStore(_scratch.Path);

        Assert.Throws<ArgumentException>(() => store.CreateWriter(s_day, fileName, new LogWriteSchema(s_objectives, false, false, [])));
    }

    [Fact]
    public void Write_DuplicateItem_ThrowsDuplicateItem() =>
        AssertWriteRejected(Block([5, 6, 5], [1, 2, 0], [0f, 1f, 2f]), LogReasonCodes.DuplicateItem);

    [Fact]
    public void Write_PositionGap_ThrowsBadPositions() =>
        AssertWriteRejected(Block([5, 6, 7], [1, 3, 0], [0f, 1f, 2f]), LogReasonCodes.BadPositions);

    [Fact]
    public void Write_InfiniteLogit_ThrowsNonFiniteLogit() =>
        AssertWriteRejected(Block([5, 6, 7], [1, 2, 0], [0f, float.PositiveInfinity, 2f]), LogReasonCodes.NonFiniteLogit);

    [Fact]
    public void Write_SameRequestTwice_ThrowsNonContiguousRequest()
    {
        var store = new ArrowLogStore(_scratch.Path);
        RequestBlock block = SampleLogRequests.Create(1, s_objectives, [], false, false, 1)[0];
        using ILogWriter writer = store.CreateWriter(s_day, "part-0.arrow", new LogWriteSchema(s_objectives, false, false, []));
        writer.Write(block);

        var error = Assert.Throws<LogContractException>(() => writer.Write(block));

        Assert.Equal(LogReasonCodes.NonContiguousRequest, error.ReasonCode);
    }

    [Fact]
    public void Write_MissingFeatureValues_ThrowsArgumentException()
    {
        var store = new ArrowLogStore(_scratch.Path);
        RequestBlock block = SampleLogRequests.Create(1, s_objectives, [], false, false, 1)[0];
        using ILogWriter writer = store.CreateWriter(s_day, "part-0.arrow", new LogWriteSchema(s_objectives, false, false, SampleLogRequests.AllKindsFeatures));

        Assert.Throws<ArgumentException>(() => writer.Write(block));
    }

    private void AssertWriteRejected(RequestBlock block, string reasonCode)
    {
        var store = new ArrowLogStore(_scratch.Path);
        using ILogWriter writer = store.CreateWriter(s_day, "rejected.arrow", new LogWriteSchema(["click"], false, false, []));

        var error = Assert.Throws<LogContractException>(() => writer.Write(block));

        Assert.Equal(reasonCode, error.ReasonCode);
    }

    private static RequestBlock Block(long[] items, int[] positions, float[] logits) => new()
    {
        RequestId = "r1",
        EventTime = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero),
        UserId = 1,
        ItemIds = items,
        Positions = positions,
        TeacherLogits = new Dictionary<string, float[]> { ["click"] = logits },
        Features = new FeatureBatch(items.Length, new Dictionary<string, FeatureColumn>()),
    };

    private static LogFileInfo Write(ArrowLogStore store, string fileName, LogWriteSchema schema, IEnumerable<RequestBlock> blocks)
    {
        using ILogWriter writer = store.CreateWriter(s_day, fileName, schema);
        foreach (RequestBlock block in blocks)
        {
            writer.Write(block);
        }
        return writer.Complete();
    }

    private static int CountBatches(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        int count = 0;
        while (true)
        {
            using Apache.Arrow.RecordBatch? batch = reader.ReadNextRecordBatch();
            if (batch is null)
            {
                return count;
            }
            count++;
        }
    }
}
