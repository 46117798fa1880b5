using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using CascadeDistill.Arrow.Logs;
using CascadeDistill.Arrow.Tests.Support;
using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Testing;

namespace CascadeDistill.Arrow.Tests.Logs;

public sealed class ArrowCatalogueStoreTests : IDisposable
{
    private static readonly FeatureDefinition[] s_itemFeatures =
    [
        new("item_id", FeatureSide.Item, FeatureKind.Categorical, LogContract.ItemId, 5000, 8, 0),
        new("item_brand", FeatureSide.Item, FeatureKind.Categorical, "item.brand", 100, 4, 0),
        new("item_tags", FeatureSide.Item, FeatureKind.MultiCategorical, "item.tags", 128, 4, 3),
        new("item_price", FeatureSide.Item, FeatureKind.Numeric, "item.price", 0, 0, 0),
    ];

    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Read_WrittenCatalogue_RoundTripsAcrossBatches()
    {
        var store = new ArrowCatalogueStore(_scratch.Path, rowsPerBatch: 16);
        Catalogue catalogue = Sample(100);

        Assert.False(store.Exists);
        store.Write(catalogue, s_itemFeatures);
        Catalogue read = store.Read(s_itemFeatures, CancellationToken.None);

        Assert.True(store.Exists);
        Assert.Equal(_scratch.Combine("catalogue", "items.arrow"), store.FilePath);
        Assert.Equal(catalogue.ItemIds, read.ItemIds);
        FeatureAssert.Equal(catalogue.Features, read.Features, s_itemFeatures.Select(f => f.Name));
        Assert.Equal(catalogue.ItemIds, Assert.IsType<CategoricalColumn>(read.Features["item_id"]).Values);
        Assert.Equal(["items.arrow"], Directory.EnumerateFiles(_scratch.Combine("catalogue")).Select(Path.GetFileName));
    }

    [Fact]
    public void Read_SubsetOfFeatures_ReturnsOnlyThose()
    {
        var store = new ArrowCatalogueStore(_scratch.Path);
        store.Write(Sample(10), s_itemFeatures);

        Catalogue read = store.Read([s_itemFeatures[3]], CancellationToken.None);

        Assert.Equal(["item_price"], read.Features.Columns.Keys);
    }

    [Fact]
    public void Write_Twice_ReplacesCatalogue()
    {
        var store = new ArrowCatalogueStore(_scratch.Path);
        store.Write(Sample(10), s_itemFeatures);

        store.Write(Sample(4), s_itemFeatures);

        Assert.Equal(4, store.Read(s_itemFeatures, CancellationToken.None).Count);
    }

    [Fact]
    public void Write_DuplicateItem_ThrowsDuplicateItemAndWritesNothing()
    {
        var store = new ArrowCatalogueStore(_scratch.Path);
        Catalogue sample = Sample(3);
        var duplicate = new Catalogue([1, 2, 1], sample.Features);

        var error = Assert.Throws<LogContractException>(() => store.Write(duplicate, s_itemFeatures));

        Assert.Equal(LogReasonCodes.DuplicateItem, error.ReasonCode);
        Assert.False(store.Exists);
    }

    [Fact]
    public void Read_HandBuiltFileWithDuplicateItem_ThrowsDuplicateItem() =>
        AssertRejected(WriteRaw(("item_id", Int64s(1, 2, 1))), LogReasonCodes.DuplicateItem, []);

    [Fact]
    public void Read_FeatureColumnAbsent_ThrowsMissingColumn() =>
        AssertRejected(WriteRaw(("item_id", Int64s(1, 2, 3))), LogReasonCodes.MissingColumn);

    [Fact]
    public void Read_PriceAsDouble_ThrowsWrongType() =>
        AssertRejected(
            WriteRaw(("item_id", Int64s(1, 2, 3)), ("item.price", new DoubleArray.Builder().AppendRange([1, 2, 3]).Build())),
            LogReasonCodes.WrongType,
            [s_itemFeatures[3]]);

    [Fact]
    public void Read_NullItemId_ThrowsNullValue() =>
        AssertRejected(WriteRaw(("item_id", new Int64Array.Builder().Append(1).AppendNull().Build())), LogReasonCodes.NullValue, []);

    [Fact]
    public void Read_NoVersionMetadata_ThrowsUnsupportedVersion() =>
        AssertRejected(WriteRaw(withVersion: false, ("item_id", Int64s(1, 2, 3))), LogReasonCodes.UnsupportedVersion, []);

    [Fact]
    public void Read_TruncatedFile_ThrowsTruncatedFile()
    {
        var store = new ArrowCatalogueStore(_scratch.Path);
        store.Write(Sample(50), s_itemFeatures);
        using (var stream = new FileStream(store.FilePath, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(stream.Length / 2);
        }

        AssertRejected(store, LogReasonCodes.TruncatedFile);
    }

    private static void AssertRejected(ArrowCatalogueStore store, string reasonCode, IReadOnlyList<FeatureDefinition>? features = null)
    {
        var error = Assert.Throws<LogContractException>(() => store.Read(features ?? s_itemFeatures, CancellationToken.None));

        Assert.Equal(reasonCode, error.ReasonCode);
    }

    private ArrowCatalogueStore WriteRaw(params (string Name, IArrowArray Array)[] columns) => WriteRaw(true, columns);

    private ArrowCatalogueStore WriteRaw(bool withVersion, params (string Name, IArrowArray Array)[] columns)
    {
        var store = new ArrowCatalogueStore(_scratch.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(store.FilePath)!);
        var metadata = new Dictionary<string, string>();
        if (withVersion)
        {
            metadata[LogContract.VersionMetadataKey] = "1";
        }
        var schema = new Schema(columns.Select(c => new Field(c.Name, c.Array.Data.DataType, true)), metadata);
        using FileStream stream = File.Create(store.FilePath);
        using var writer = new ArrowFileWriter(stream, schema);
        using var batch = new RecordBatch(schema, columns.Select(c => c.Array), columns[0].Array.Length);
        writer.WriteRecordBatch(batch);
        writer.WriteEnd();
        return store;
    }

    private static Int64Array Int64s(params long[] values) => new Int64Array.Builder().AppendRange(values).Build();

    private static Catalogue Sample(int count)
    {
        var random = new Random(count);
        long[] ids = [.. Enumerable.Range(0, count).Select(i => 1_000L + (i * 7))];
        var features = new Dictionary<string, FeatureColumn>
        {
            ["item_id"] = new CategoricalColumn([.. ids]),
            ["item_brand"] = new CategoricalColumn([.. ids.Select(_ => (long)random.Next(-5, 50))]),
            ["item_tags"] = MultiCategoricalColumn.FromRows([.. ids.Select(_ => (IReadOnlyList<long>)[.. Enumerable.Range(0, random.Next(4)).Select(_ => (long)random.Next(1000))])]),
            ["item_price"] = new NumericColumn([.. ids.Select(_ => (float)random.NextDouble() * 100)]),
        };
        return new Catalogue(ids, new FeatureBatch(count, features));
    }
}
