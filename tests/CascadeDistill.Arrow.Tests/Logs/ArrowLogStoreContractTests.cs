using Apache.Arrow;
using Apache.Arrow.Types;
using CascadeDistill.Arrow.Logs;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Testing;
using CascadeDistill.Testing.Logs;

namespace CascadeDistill.Arrow.Tests.Logs;

/// <summary>Each rule of log contract v1, broken by a hand-built file, is rejected with its reason code.</summary>
public sealed class ArrowLogStoreContractTests : IDisposable
{
    private static readonly DateOnly s_day = new(2025, 3, 14);
    private static readonly LogReadRequest s_clicks = new(["click"], [], ReadLabels: true);

    private readonly ScratchDirectory _scratch = new();
    private readonly ArrowLogStore _store;

    public ArrowLogStoreContractTests()
    {
        _store = new ArrowLogStore(_scratch.Path);
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ReadRequests_ValidHandBuiltFileWithExtraColumns_ReadsBothRequests()
    {
        LogFileInfo file = Save(RawLogFile.Valid().Set("debug.note", RawLogFile.Strings("a", "b", "c", "d", "e")));

        List<RequestBlock> read = [.. _store.ReadRequests(file, s_clicks, CancellationToken.None)];

        Assert.Equal(["r1", "r2"], read.Select(r => r.RequestId));
        Assert.Equal([10L, 11, 12], read[0].ItemIds);
        Assert.Equal([1, 2, 0], read[0].Positions);
        Assert.Equal(8, read[1].UserId);
        Assert.Empty(read[0].Labels);
    }

    [Fact]
    public void ReadRequests_NullLabels_ReadAsNaN()
    {
        var labels = new FloatArray.Builder().Append(1f).AppendNull().Append(0f).AppendNull().Append(1f).Build();
        LogFileInfo file = Save(RawLogFile.Valid().Set(LogContract.LabelColumn("click"), labels));

        List<RequestBlock> read = [.. _store.ReadRequests(file, s_clicks, CancellationToken.None)];

        Assert.Equal([1f, float.NaN, 0f], read[0].Labels["click"]);
        Assert.Equal([float.NaN, 1f], read[1].Labels["click"]);
    }

    [Fact]
    public void ReadRequests_RerankNullForWholeRequest_ReadsAsNotReranked()
    {
        var rerank = new Int32Array.Builder().AppendNull().AppendNull().AppendNull().Append(1).Append(2).Build();
        LogFileInfo file = Save(RawLogFile.Valid().Set(LogContract.RerankPosition, rerank));

        List<RequestBlock> read = [.. _store.ReadRequests(file, s_clicks, CancellationToken.None)];

        Assert.Null(read[0].RerankPositions);
        Assert.Equal(new[] { 1, 2 }, read[1].RerankPositions);
    }

    [Fact]
    public void ReadRequests_RerankNullOnSomeRowsOfRequest_ThrowsNullValue()
    {
        var rerank = new Int32Array.Builder().Append(1).AppendNull().Append(0).Append(1).Append(2).Build();

        AssertRejected(RawLogFile.Valid().Set(LogContract.RerankPosition, rerank), LogReasonCodes.NullValue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2")]
    [InlineData("0")]
    public void ReadRequests_VersionAbsentOrUnknown_ThrowsUnsupportedVersion(string? version)
    {
        RawLogFile raw = RawLogFile.Valid().WithoutMetadata(LogContract.VersionMetadataKey);
        if (version is not null)
        {
            raw.Metadata[LogContract.VersionMetadataKey] = version;
        }

        AssertRejected(raw, LogReasonCodes.UnsupportedVersion);
    }

    [Theory]
    [InlineData(LogContract.RequestId)]
    [InlineData(LogContract.EventTime)]
    [InlineData(LogContract.UserId)]
    [InlineData(LogContract.ItemId)]
    [InlineData(LogContract.Position)]
    [InlineData("teacher.click")]
    public void ReadRequests_RequiredColumnAbsent_ThrowsMissingColumn(string column) =>
        AssertRejected(RawLogFile.Valid().Remove(column), LogReasonCodes.MissingColumn);

    [Fact]
    public void ReadRequests_DeclaredFeatureColumnAbsent_ThrowsMissingColumn()
    {
        LogFileInfo file = Save(RawLogFile.Valid());
        var request = new LogReadRequest(["click"], [new FeatureDefinition("age", FeatureSide.User, FeatureKind.Numeric, "user.age", 0, 0, 0)], false);

        AssertRejected(file, request, LogReasonCodes.MissingColumn);
    }

    [Fact]
    public void ReadRequests_PositionAsInt64_ThrowsWrongType() =>
        AssertRejected(RawLogFile.Valid().Set(LogContract.Position, RawLogFile.Int64s(1, 2, 0, 2, 1)), LogReasonCodes.WrongType);

    [Fact]
    public void ReadRequests_LogitAsDouble_ThrowsWrongType() =>
        AssertRejected(
            RawLogFile.Valid().Set("teacher.click", new DoubleArray.Builder().AppendRange([0.5, -1, 2, 0.25, 3]).Build()),
            LogReasonCodes.WrongType);

    [Theory]
    [InlineData(TimeUnit.Second, "UTC")]
    [InlineData(TimeUnit.Microsecond, "UTC")]
    [InlineData(TimeUnit.Millisecond, null)]
    [InlineData(TimeUnit.Millisecond, "Europe/Paris")]
    public void ReadRequests_EventTimeNotMillisecondsUtc_ThrowsWrongType(TimeUnit unit, string? timezone) =>
        AssertRejected(
            RawLogFile.Valid().Set(LogContract.EventTime, RawLogFile.Timestamps(new TimestampType(unit, timezone), 5)),
            LogReasonCodes.WrongType);

    [Fact]
    public void ReadRequests_FeatureOfAnotherType_ThrowsWrongType()
    {
        LogFileInfo file = Save(RawLogFile.Valid().Set("item.tags", RawLogFile.Int64s(1, 2, 3, 4, 5)));
        var request = new LogReadRequest(["click"], [new FeatureDefinition("tags", FeatureSide.Item, FeatureKind.MultiCategorical, "item.tags", 8, 2, 3)], false);

        AssertRejected(file, request, LogReasonCodes.WrongType);
    }

    [Fact]
    public void ReadRequests_LabelOfAnotherType_ThrowsWrongType() =>
        AssertRejected(RawLogFile.Valid().Set("label.click", RawLogFile.Int32s(1, 0, 0, 1, 0)), LogReasonCodes.WrongType);

    [Fact]
    public void ReadRequests_NullItemId_ThrowsNullValue() =>
        AssertRejected(RawLogFile.Valid().Set(LogContract.ItemId, RawLogFile.Int64sWithNullAt(3, 10, 11, 12, 20, 21)), LogReasonCodes.NullValue);

    [Fact]
    public void ReadRequests_NullLogit_ThrowsNullValue() =>
        AssertRejected(
            RawLogFile.Valid().Set("teacher.click", new FloatArray.Builder().Append(1f).Append(2f).AppendNull().Append(0f).Append(1f).Build()),
            LogReasonCodes.NullValue);

    [Fact]
    public void ReadRequests_NullInFeatureList_ThrowsNullValue()
    {
        var builder = new ListArray.Builder(Int64Type.Default);
        var values = (Int64Array.Builder)builder.ValueBuilder;
        for (int row = 0; row < 5; row++)
        {
            builder.Append();
            values.Append(row);
            if (row == 2)
            {
                values.AppendNull();
            }
        }
        LogFileInfo file = Save(RawLogFile.Valid().Set("item.tags", builder.Build()));
        var request = new LogReadRequest(["click"], [new FeatureDefinition("tags", FeatureSide.Item, FeatureKind.MultiCategorical, "item.tags", 8, 2, 3)], false);

        AssertRejected(file, request, LogReasonCodes.NullValue);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void ReadRequests_NonFiniteLogit_ThrowsNonFiniteLogit(float logit) =>
        AssertRejected(RawLogFile.Valid().Set("teacher.click", RawLogFile.Floats(0.5f, -1f, 2f, logit, 3f)), LogReasonCodes.NonFiniteLogit);

    [Fact]
    public void ReadRequests_RequestSeenAgainAfterAnother_ThrowsNonContiguousRequest() =>
        AssertRejected(
            RawLogFile.Valid()
                .Set(LogContract.RequestId, RawLogFile.Strings("r1", "r1", "r2", "r2", "r1"))
                .Set(LogContract.Position, RawLogFile.Int32s(1, 2, 1, 0, 0)),
            LogReasonCodes.NonContiguousRequest);

    [Fact]
    public void ReadRequests_ItemTwiceInRequest_ThrowsDuplicateItem() =>
        AssertRejected(RawLogFile.Valid().Set(LogContract.ItemId, RawLogFile.Int64s(10, 11, 10, 20, 21)), LogReasonCodes.DuplicateItem);

    [Fact]
    public void ReadRequests_SameItemInTwoRequests_IsAccepted()
    {
        LogFileInfo file = Save(RawLogFile.Valid().Set(LogContract.ItemId, RawLogFile.Int64s(10, 11, 12, 10, 11)));

        Assert.Equal(2, _store.ReadRequests(file, s_clicks, CancellationToken.None).Count());
    }

    [Theory]
    [InlineData(1, 3, 0)]   // gap
    [InlineData(1, 1, 0)]   // duplicate
    [InlineData(2, 3, 0)]   // does not start at 1
    [InlineData(1, -1, 0)]  // negative
    [InlineData(-1, 0, 0)]  // negative only
    public void ReadRequests_PositionsNotOneToN_ThrowsBadPositions(int first, int second, int third) =>
        AssertRejected(RawLogFile.Valid().Set(LogContract.Position, RawLogFile.Int32s(first, second, third, 2, 1)), LogReasonCodes.BadPositions);

    [Fact]
    public void ReadRequests_AllCandidatesCut_IsAccepted()
    {
        LogFileInfo file = Save(RawLogFile.Valid().Set(LogContract.Position, RawLogFile.Int32s(0, 0, 0, 2, 1)));

        Assert.Equal([0, 0, 0], _store.ReadRequests(file, s_clicks, CancellationToken.None).First().Positions);
    }

    [Fact]
    public void ReadRequests_RerankPositionsNotOneToN_ThrowsBadPositions() =>
        AssertRejected(RawLogFile.Valid().Set(LogContract.RerankPosition, RawLogFile.Int32s(1, 2, 0, 1, 1)), LogReasonCodes.BadPositions);

    [Fact]
    public void ReadRequests_DuplicateColumn_ThrowsDuplicateColumn()
    {
        RawLogFile raw = RawLogFile.Valid();
        LogFileInfo file = Save(raw);
        // Rewrite with a second item_id column appended under the same name.
        var schema = new Schema(
            [.. ReadSchema(file.Path).FieldsList, new Field(LogContract.ItemId, Int64Type.Default, true)],
            raw.Metadata);
        AppendDuplicateItemColumn(file.Path, schema);

        AssertRejected(file, s_clicks, LogReasonCodes.DuplicateColumn);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void ReadRequests_TruncatedFile_ThrowsTruncatedFile(double keep)
    {
        var store = new ArrowLogStore(_scratch.Path, rowsPerBatch: 16);
        LogFileInfo file;
        using (ILogWriter writer = store.CreateWriter(s_day, "cut.arrow", new LogWriteSchema(["click"], true, true, SampleLogRequests.AllKindsFeatures)))
        {
            foreach (RequestBlock block in SampleLogRequests.Create(50, ["click"], SampleLogRequests.AllKindsFeatures, true, true, 9))
            {
                writer.Write(block);
            }
            file = writer.Complete();
        }
        Truncate(file.Path, (long)(file.Bytes * keep));

        AssertRejected(file, new LogReadRequest(["click"], SampleLogRequests.AllKindsFeatures, true), LogReasonCodes.TruncatedFile);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(64)]
    public void ReadRequests_FileCutNearItsStart_ThrowsTruncatedFile(int keepBytes)
    {
        LogFileInfo file = Save(RawLogFile.Valid());
        Truncate(file.Path, keepBytes);

        AssertRejected(file, s_clicks, LogReasonCodes.TruncatedFile);
    }

    [Fact]
    public void ReadRequests_FooterCutOff_ThrowsTruncatedFile()
    {
        LogFileInfo file = Save(RawLogFile.Valid());
        Truncate(file.Path, new FileInfo(file.Path).Length - 1);

        AssertRejected(file, s_clicks, LogReasonCodes.TruncatedFile);
    }

    private static void Truncate(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.SetLength(length);
    }

    private LogFileInfo Save(RawLogFile raw)
    {
        string path = Path.Combine(_store.PartitionPath(s_day), $"raw-{Guid.NewGuid():N}.arrow");
        raw.Write(path);
        return new LogFileInfo(path, s_day, new FileInfo(path).Length);
    }

    private void AssertRejected(RawLogFile raw, string reasonCode) => AssertRejected(Save(raw), s_clicks, reasonCode);

    private void AssertRejected(LogFileInfo file, LogReadRequest request, string reasonCode)
    {
        var error = Assert.Throws<LogContractException>(() => _store.ReadRequests(file, request, CancellationToken.None).ToList());

        Assert.Equal(reasonCode, error.ReasonCode);
        Assert.Equal(file.Path, error.File);
    }

    private static Schema ReadSchema(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var reader = new Apache.Arrow.Ipc.ArrowFileReader(stream);
        return reader.Schema;
    }

    private static void AppendDuplicateItemColumn(string path, Schema schema)
    {
        using (FileStream input = File.OpenRead(path))
        using (var reader = new Apache.Arrow.Ipc.ArrowFileReader(input))
        using (RecordBatch source = reader.ReadNextRecordBatch()!)
        using (FileStream output = File.Create(path + ".new"))
        using (var writer = new Apache.Arrow.Ipc.ArrowFileWriter(output, schema))
        {
            IArrowArray[] arrays = [.. Enumerable.Range(0, source.ColumnCount).Select(source.Column), RawLogFile.Int64s(10, 11, 12, 20, 21)];
            using var batch = new RecordBatch(schema, arrays, source.Length);
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        File.Move(path + ".new", path, overwrite: true);
    }
}
