using System.Security.Cryptography;
using Apache.Arrow.Ipc;
using CascadeDistill.Arrow.Datasets;
using CascadeDistill.Arrow.Tests.Support;
using CascadeDistill.Datasets;
using CascadeDistill.Features;
using CascadeDistill.Testing;
using CascadeDistill.Testing.Logs;

namespace CascadeDistill.Arrow.Tests.Datasets;

public sealed class ArrowDatasetStoreTests : IDisposable
{
    private static readonly IReadOnlyList<FeatureDefinition> s_features = SampleLogRequests.AllKindsFeatures;

    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Read_WrittenChunks_RoundTripsInChunksOfRequestedSize()
    {
        var store = new ArrowDatasetStore(rowsPerBatch: 10);
        DatasetChunk first = Sample(13, seed: 1);
        DatasetChunk second = Sample(12, seed: 2);
        string path = _scratch.Combine("datasets", "train.arrow");

        DatasetFileInfo info;
        using (IDatasetWriter writer = store.CreateWriter(path, s_features))
        {
            writer.Write(first);
            writer.Write(second);
            info = writer.Complete();
        }
        List<DatasetChunk> read = [.. store.Read(path, s_features, chunkRows: 7, CancellationToken.None)];

        Assert.Equal([7, 7, 7, 4], read.Select(c => c.Count));
        Assert.Equal(25, info.Rows);
        DatasetChunk all = Concat(read);
        DatasetChunk expected = Concat([first, second]);
        Assert.Equal(expected.RequestIds, all.RequestIds);
        Assert.Equal(expected.ItemIds, all.ItemIds);
        Assert.Equal(expected.Positions, all.Positions);
        Assert.Equal(expected.Labels, all.Labels);
        Assert.Equal(expected.Weights, all.Weights);
        Assert.Equal(expected.SoftLabels, all.SoftLabels);
        Assert.Contains(all.SoftLabels, float.IsNaN);
        Assert.Equal(expected.TeacherLogits, all.TeacherLogits);
        FeatureAssert.Equal(expected.Features, all.Features, s_features.Select(f => f.Name));
    }

    [Fact]
    public void Complete_FinishedFile_ReportsSizeAndSha256OfItsBytes()
    {
        var store = new ArrowDatasetStore();
        string path = _scratch.Combine("train.arrow");

        DatasetFileInfo info;
        using (IDatasetWriter writer = store.CreateWriter(path, s_features))
        {
            writer.Write(Sample(30, seed: 3));
            info = writer.Complete();
        }

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(Path.GetFullPath(path), info.Path);
        Assert.Equal(bytes.Length, info.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), info.Sha256);
        Assert.Equal(["train.arrow"], Directory.EnumerateFiles(_scratch.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Complete_WrittenFile_HasTheDatasetSchema()
    {
        var store = new ArrowDatasetStore();
        string path = _scratch.Combine("train.arrow");
        using (IDatasetWriter writer = store.CreateWriter(path, s_features))
        {
            writer.Complete();
        }

        using FileStream stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);

        Assert.Equal(
            [.. ArrowDatasetSchema.FixedColumns, "user_id", "user_segments", "user_age", "item_tags", "item_price"],
            reader.Schema.FieldsList.Select(f => f.Name));
        Assert.All(reader.Schema.FieldsList, f => Assert.False(f.IsNullable));
        Assert.Equal("1", reader.Schema.Metadata[ArrowDatasetSchema.VersionMetadataKey]);
        Assert.Empty(store.Read(path, s_features, 10, CancellationToken.None));
    }

    [Fact]
    public void CreateWriter_DisposedWithoutComplete_LeavesNoFile()
    {
        var store = new ArrowDatasetStore(rowsPerBatch: 4);
        string path = _scratch.Combine("train.arrow");

        using (IDatasetWriter writer = store.CreateWriter(path, s_features))
        {
            writer.Write(Sample(20, seed: 4));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_scratch.Path));
    }

    [Fact]
    public void Read_FeatureNotInFile_ThrowsInvalidDataException()
    {
        var store = new ArrowDatasetStore();
        string path = _scratch.Combine("train.arrow");
        using (IDatasetWriter writer = store.CreateWriter(path, [s_features[0]]))
        {
            writer.Write(Sample(3, seed: 5));
            writer.Complete();
        }

        Assert.Throws<InvalidDataException>(() => store.Read(path, s_features, 10, CancellationToken.None).ToList());
    }

    [Fact]
    public void Read_TruncatedFile_ThrowsInvalidDataException()
    {
        var store = new ArrowDatasetStore(rowsPerBatch: 8);
        string path = _scratch.Combine("train.arrow");
        using (IDatasetWriter writer = store.CreateWriter(path, s_features))
        {
            writer.Write(Sample(40, seed: 6));
            writer.Complete();
        }
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(stream.Length * 2 / 3);
        }

        Assert.Throws<InvalidDataException>(() => store.Read(path, s_features, 10, CancellationToken.None).ToList());
    }

    [Fact]
    public void Write_ChunkMissingFeature_ThrowsArgumentException()
    {
        var store = new ArrowDatasetStore();
        DatasetChunk chunk = Sample(3, seed: 7);
        var partial = new DatasetChunk
        {
            RequestIds = chunk.RequestIds,
            ItemIds = chunk.ItemIds,
            Positions = chunk.Positions,
            Labels = chunk.Labels,
            Weights = chunk.Weights,
            SoftLabels = chunk.SoftLabels,
            TeacherLogits = chunk.TeacherLogits,
            Features = new FeatureBatch(3, new Dictionary<string, FeatureColumn>()),
        };
        using IDatasetWriter writer = store.CreateWriter(_scratch.Combine("train.arrow"), s_features);

        Assert.Throws<ArgumentException>(() => writer.Write(partial));
    }

    [Fact]
    public void Write_ItemIdFeatureNotTheItemIds_ThrowsArgumentException()
    {
        var store = new ArrowDatasetStore();
        DatasetChunk chunk = Sample(3, seed: 8);
        var columns = new Dictionary<string, FeatureColumn>(chunk.Features.Columns) { ["item_id"] = new CategoricalColumn([9, 9, 9]) };
        var altered = new DatasetChunk
        {
            RequestIds = chunk.RequestIds,
            ItemIds = chunk.ItemIds,
            Positions = chunk.Positions,
            Labels = chunk.Labels,
            Weights = chunk.Weights,
            SoftLabels = chunk.SoftLabels,
            TeacherLogits = chunk.TeacherLogits,
            Features = new FeatureBatch(3, columns),
        };
        using IDatasetWriter writer = store.CreateWriter(_scratch.Combine("train.arrow"), s_features);

        Assert.Throws<ArgumentException>(() => writer.Write(altered));
    }

    [Fact]
    public void CreateWriter_FeatureNamedLikeFixedColumn_ThrowsArgumentException()
    {
        var store = new ArrowDatasetStore();
        FeatureDefinition clash = new("label", FeatureSide.Item, FeatureKind.Numeric, "item.label", 0, 0, 0);

        Assert.Throws<ArgumentException>(() => store.CreateWriter(_scratch.Combine("train.arrow"), [clash]));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_scratch.Path));
    }

    private static DatasetChunk Sample(int rows, int seed)
    {
        var random = new Random(seed);
        var requests = SampleLogRequests.Create(rows, ["click"], s_features, false, false, seed);
        var builder = new FeatureBatchBuilder(s_features);
        var requestIds = new List<string>();
        var itemIds = new List<long>();
        var positions = new List<int>();
        foreach (var request in requests)
        {
            int take = Math.Min(request.Count, rows - requestIds.Count);
            builder.Append(request.Features, [.. Enumerable.Range(0, take)]);
            requestIds.AddRange(Enumerable.Repeat(request.RequestId, take));
            itemIds.AddRange(request.ItemIds.Take(take));
            positions.AddRange(request.Positions.Take(take));
            if (requestIds.Count == rows)
            {
                break;
            }
        }
        return new DatasetChunk
        {
            RequestIds = [.. requestIds],
            ItemIds = [.. itemIds],
            Positions = [.. positions],
            Labels = [.. positions.Select(p => p is > 0 and <= 3 ? 1f : 0f)],
            Weights = [.. positions.Select(p => p > 0 ? 1f / p : 1f)],
            SoftLabels = [.. positions.Select(_ => random.Next(4) == 0 ? float.NaN : (float)random.NextDouble())],
            TeacherLogits = [.. positions.Select(_ => (float)(random.NextDouble() * 6) - 3)],
            Features = builder.Build(),
        };
    }

    private static DatasetChunk Concat(IReadOnlyList<DatasetChunk> chunks)
    {
        var builder = new FeatureBatchBuilder(s_features);
        foreach (DatasetChunk chunk in chunks)
        {
            builder.Append(chunk.Features, [.. Enumerable.Range(0, chunk.Count)]);
        }
        return new DatasetChunk
        {
            RequestIds = [.. chunks.SelectMany(c => c.RequestIds)],
            ItemIds = [.. chunks.SelectMany(c => c.ItemIds)],
            Positions = [.. chunks.SelectMany(c => c.Positions)],
            Labels = [.. chunks.SelectMany(c => c.Labels)],
            Weights = [.. chunks.SelectMany(c => c.Weights)],
            SoftLabels = [.. chunks.SelectMany(c => c.SoftLabels)],
            TeacherLogits = [.. chunks.SelectMany(c => c.TeacherLogits)],
            Features = builder.Build(),
        };
    }
}
