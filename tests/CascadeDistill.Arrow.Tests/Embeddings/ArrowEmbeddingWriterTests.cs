using System.Security.Cryptography;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using CascadeDistill.Arrow.Embeddings;
using CascadeDistill.Testing;

namespace CascadeDistill.Arrow.Tests.Embeddings;

public sealed class ArrowEmbeddingWriterTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Read_WrittenEmbeddings_RoundTripsAcrossBatches()
    {
        (long[] ids, float[] vectors) = Sample(50, dim: 6);
        var metadata = new Dictionary<string, string> { ["model_version"] = "7", ["dataset_sha256"] = "abc" };
        string path = _scratch.Combine("export", "items.embeddings.arrow");

        EmbeddingFileInfo info = ArrowEmbeddingWriter.Write(path, ids, vectors, 6, metadata, rowsPerBatch: 16);
        EmbeddingTable read = ArrowEmbeddingReader.Read(path, CancellationToken.None);

        Assert.Equal(ids, read.ItemIds);
        Assert.Equal(vectors, read.Vectors);
        Assert.Equal(6, read.Dim);
        Assert.Equal(vectors.AsSpan(12, 6).ToArray(), read.Vector(2).ToArray());
        Assert.Equal("7", read.Metadata["model_version"]);
        Assert.Equal("abc", read.Metadata["dataset_sha256"]);
        Assert.Equal("6", read.Metadata[ArrowEmbeddingFormat.DimMetadataKey]);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(bytes.Length, info.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), info.Sha256);
        Assert.Equal(50, info.Rows);
        Assert.Equal(["items.embeddings.arrow"], Directory.EnumerateFiles(_scratch.Combine("export")).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_Embeddings_StoredAsFixedSizeListOfFloat32()
    {
        (long[] ids, float[] vectors) = Sample(3, dim: 4);
        string path = _scratch.Combine("e.arrow");

        ArrowEmbeddingWriter.Write(path, ids, vectors, 4, new Dictionary<string, string>());

        using FileStream stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        Assert.IsType<Int64Type>(reader.Schema.GetFieldByName("item_id").DataType);
        var embedding = Assert.IsType<FixedSizeListType>(reader.Schema.GetFieldByName("embedding").DataType);
        Assert.Equal(4, embedding.ListSize);
        Assert.IsType<FloatType>(embedding.ValueDataType);
    }

    [Fact]
    public void Exporter_Write_ProducesReadableFile()
    {
        (long[] ids, float[] vectors) = Sample(5, dim: 2);
        string path = _scratch.Combine("e.arrow");

        new ArrowEmbeddingExporter().Write(path, ids, vectors, 2, new Dictionary<string, string>());

        Assert.Equal(ids, ArrowEmbeddingReader.Read(path, CancellationToken.None).ItemIds);
    }

    [Fact]
    public void Write_EmptyCatalogue_ReadsBackEmpty()
    {
        string path = _scratch.Combine("e.arrow");

        ArrowEmbeddingWriter.Write(path, [], [], 8, new Dictionary<string, string>());
        EmbeddingTable read = ArrowEmbeddingReader.Read(path, CancellationToken.None);

        Assert.Equal(0, read.Count);
        Assert.Equal(8, read.Dim);
    }

    [Fact]
    public void Write_NonFiniteValue_ThrowsAndWritesNothing()
    {
        (long[] ids, float[] vectors) = Sample(3, dim: 2);
        vectors[3] = float.NaN;

        Assert.Throws<ArgumentException>(() => ArrowEmbeddingWriter.Write(_scratch.Combine("e.arrow"), ids, vectors, 2, new Dictionary<string, string>()));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_scratch.Path));
    }

    [Fact]
    public void Write_WrongVectorLength_ThrowsArgumentException()
    {
        (long[] ids, float[] vectors) = Sample(3, dim: 2);

        Assert.Throws<ArgumentException>(() => ArrowEmbeddingWriter.Write(_scratch.Combine("e.arrow"), ids, vectors, 3, new Dictionary<string, string>()));
    }

    [Fact]
    public void Write_DuplicateItem_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => ArrowEmbeddingWriter.Write(_scratch.Combine("e.arrow"), [1, 1], [0f, 0f], 1, new Dictionary<string, string>()));

    [Fact]
    public void Write_ReservedMetadataKey_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => ArrowEmbeddingWriter.Write(
            _scratch.Combine("e.arrow"), [1], [0f], 1, new Dictionary<string, string> { [ArrowEmbeddingFormat.DimMetadataKey] = "1" }));

    [Fact]
    public void Read_TruncatedFile_ThrowsInvalidDataException()
    {
        (long[] ids, float[] vectors) = Sample(100, dim: 8);
        string path = _scratch.Combine("e.arrow");
        ArrowEmbeddingWriter.Write(path, ids, vectors, 8, new Dictionary<string, string>(), rowsPerBatch: 10);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.SetLength(stream.Length - 100);
        }

        Assert.Throws<InvalidDataException>(() => ArrowEmbeddingReader.Read(path, CancellationToken.None));
    }

    private static (long[] Ids, float[] Vectors) Sample(int count, int dim)
    {
        var random = new Random(count + dim);
        long[] ids = [.. Enumerable.Range(0, count).Select(i => 10L * i)];
        float[] vectors = [.. Enumerable.Range(0, count * dim).Select(_ => (float)random.NextDouble() - 0.5f)];
        return (ids, vectors);
    }
}
