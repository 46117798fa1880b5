using System.Text;
using CascadeDistill.Features;
using CascadeDistill.IO;
using CascadeDistill.Students;

namespace CascadeDistill.Runs;

/// <summary>
/// The TrainStudent checkpoint: a trained student's <see cref="TwoTowerWeights"/> as a little-endian
/// binary file (exact float32 values), written atomically. The feature lists are not stored: they come
/// from the pipeline, whose config hash the run shares. Layout: magic <c>CDSW</c>, format version,
/// temperature, then per tower (user, item) its embedding tables, numeric statistics and linear layers.
/// Format 2 (written only for a student with per-objective heads) adds each tower's heads (names and
/// scales) after its layers; a single-head student is still written as format 1.
/// </summary>
public static class StudentWeightsFile
{
    public const string FileName = "student.weights";

    private const int FormatVersion = 1;
    private const int HeadsFormatVersion = 2;
    private static readonly byte[] s_magic = "CDSW"u8.ToArray();

    public static void Write(string path, TwoTowerWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            bool heads = weights.User.Heads is not null || weights.Item.Heads is not null;
            writer.Write(s_magic);
            writer.Write(heads ? HeadsFormatVersion : FormatVersion);
            writer.Write(weights.Temperature);
            WriteTower(writer, weights.User, heads);
            WriteTower(writer, weights.Item, heads);
        });
    }

    /// <summary>Reads the weights back; a file that does not match the features throws <see cref="InvalidDataException"/>.</summary>
    public static TwoTowerWeights Read(string path, IReadOnlyList<FeatureDefinition> userFeatures, IReadOnlyList<FeatureDefinition> itemFeatures)
    {
        ArgumentNullException.ThrowIfNull(userFeatures);
        ArgumentNullException.ThrowIfNull(itemFeatures);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            int format = reader.ReadBytes(s_magic.Length).AsSpan().SequenceEqual(s_magic) ? reader.ReadInt32() : -1;
            if (format is not (FormatVersion or HeadsFormatVersion))
            {
                throw new InvalidDataException($"{path} is not a student weights file of format {FormatVersion} or {HeadsFormatVersion}.");
            }
            float temperature = reader.ReadSingle();
            TowerWeights user = ReadTower(reader, userFeatures, format == HeadsFormatVersion);
            TowerWeights item = ReadTower(reader, itemFeatures, format == HeadsFormatVersion);
            if (stream.Position != stream.Length)
            {
                throw new InvalidDataException($"{path} has {stream.Length - stream.Position} bytes after the weights.");
            }
            return new TwoTowerWeights(user, item, temperature);
        }
        catch (EndOfStreamException error)
        {
            throw new InvalidDataException($"{path} is truncated.", error);
        }
    }

    private static void WriteTower(BinaryWriter writer, TowerWeights tower, bool heads)
    {
        writer.Write(tower.Embeddings.Count);
        foreach ((string name, DenseMatrix table) in tower.Embeddings.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(name);
            WriteMatrix(writer, table);
        }
        writer.Write(tower.Numerics.Count);
        foreach ((string name, NumericStatistics statistics) in tower.Numerics.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(name);
            writer.Write(statistics.Mean);
            writer.Write(statistics.Std);
        }
        writer.Write(tower.Layers.Count);
        foreach (DenseLayer layer in tower.Layers)
        {
            WriteMatrix(writer, layer.Weight);
            WriteFloats(writer, layer.Bias);
        }
        if (heads)
        {
            IReadOnlyList<string> names = tower.Heads?.Names ?? [];
            writer.Write(names.Count);
            for (int k = 0; k < names.Count; k++)
            {
                writer.Write(names[k]);
                writer.Write(tower.Heads!.Scales[k]);
            }
        }
    }

    private static TowerWeights ReadTower(BinaryReader reader, IReadOnlyList<FeatureDefinition> features, bool withHeads)
    {
        var embeddings = new Dictionary<string, DenseMatrix>(StringComparer.Ordinal);
        for (int i = ReadCount(reader); i > 0; i--)
        {
            embeddings.Add(reader.ReadString(), ReadMatrix(reader));
        }
        var numerics = new Dictionary<string, NumericStatistics>(StringComparer.Ordinal);
        for (int i = ReadCount(reader); i > 0; i--)
        {
            numerics.Add(reader.ReadString(), new NumericStatistics(reader.ReadSingle(), reader.ReadSingle()));
        }
        var layers = new List<DenseLayer>();
        for (int i = ReadCount(reader); i > 0; i--)
        {
            layers.Add(new DenseLayer(ReadMatrix(reader), ReadFloats(reader)));
        }
        foreach (FeatureDefinition feature in features)
        {
            bool present = feature.Kind == FeatureKind.Numeric ? numerics.ContainsKey(feature.Name) : embeddings.ContainsKey(feature.Name);
            if (!present)
            {
                throw new InvalidDataException($"The student weights have no parameters for feature '{feature.Name}'.");
            }
        }
        if (layers.Count == 0)
        {
            throw new InvalidDataException("The student weights have a tower without layers.");
        }
        TowerHeads? heads = null;
        if (withHeads && ReadCount(reader) is int count and > 0)
        {
            var names = new string[count];
            var scales = new float[count];
            for (int k = 0; k < count; k++)
            {
                names[k] = reader.ReadString();
                scales[k] = reader.ReadSingle();
            }
            heads = new TowerHeads(names, scales);
            if (layers[^1].OutputWidth % count != 0)
            {
                throw new InvalidDataException($"The student weights split {layers[^1].OutputWidth} outputs into {count} heads.");
            }
        }
        return new TowerWeights(features, embeddings, numerics, layers) { Heads = heads };
    }

    private static void WriteMatrix(BinaryWriter writer, DenseMatrix matrix)
    {
        writer.Write(matrix.Rows);
        writer.Write(matrix.Columns);
        WriteFloats(writer, matrix.Values);
    }

    private static DenseMatrix ReadMatrix(BinaryReader reader)
    {
        int rows = ReadCount(reader);
        int columns = ReadCount(reader);
        float[] values = ReadFloats(reader);
        return values.LongLength == (long)rows * columns
            ? new DenseMatrix(rows, columns, values)
            : throw new InvalidDataException($"A {rows}x{columns} matrix holds {values.Length} values.");
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (float value in values)
        {
            writer.Write(value);
        }
    }

    private static float[] ReadFloats(BinaryReader reader)
    {
        var values = new float[ReadCount(reader)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadSingle();
        }
        return values;
    }

    private static int ReadCount(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        return count >= 0 ? count : throw new InvalidDataException($"Negative count {count} in a student weights file.");
    }
}
