using System.Globalization;
using CascadeDistill.Export;
using CascadeDistill.Onnx.Contracts;
using CascadeDistill.Onnx.Export;
using CascadeDistill.Onnx.Runtime;
using CascadeDistill.Onnx.Schema;
using CascadeDistill.Students;
using CascadeDistill.Testing.Students;

namespace CascadeDistill.Onnx.Tests.Export;

public sealed class OnnxExporterTests
{
    [Fact]
    public void Export_StandardStudent_WritesBothTowerFilesAndNoTemporaryFile()
    {
        using var student = new ExportedStudent();

        Assert.Equal(Path.Combine(student.Directory, "user_tower.onnx"), student.Result.UserTowerPath);
        Assert.Equal(Path.Combine(student.Directory, "item_tower.onnx"), student.Result.ItemTowerPath);
        Assert.Equal(["item_tower.onnx", "user_tower.onnx"], Directory.GetFiles(student.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Export_SameRequestTwice_WritesIdenticalBytes()
    {
        using var first = new ExportedStudent(seed: 5);
        using var second = new ExportedStudent(seed: 5);

        Assert.Equal(File.ReadAllBytes(first.Result.UserTowerPath), File.ReadAllBytes(second.Result.UserTowerPath));
        Assert.Equal(File.ReadAllBytes(first.Result.ItemTowerPath), File.ReadAllBytes(second.Result.ItemTowerPath));
    }

    [Fact]
    public void Export_IntoDirectoryWithOlderModel_ReplacesIt()
    {
        using var directory = new TemporaryDirectory();
        var exporter = new OnnxExporter();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        exporter.Export(new OnnxExportRequest(RandomTwoTowerWeightsBuilder.Standard().Build(1), directory.Path, metadata));
        TwoTowerWeights newer = RandomTwoTowerWeightsBuilder.Standard().Build(2);

        OnnxExportResult result = exporter.Export(new OnnxExportRequest(newer, directory.Path, metadata));

        using var fresh = new TemporaryDirectory();
        OnnxExportResult expected = exporter.Export(new OnnxExportRequest(newer, fresh.Path, metadata));
        Assert.Equal(File.ReadAllBytes(expected.UserTowerPath), File.ReadAllBytes(result.UserTowerPath));
        Assert.Equal(2, Directory.GetFiles(directory.Path).Length);
    }

    [Fact]
    public void Export_RequestMetadata_RoundTripsThroughOnnxRuntime()
    {
        using var student = new ExportedStudent();

        IReadOnlyDictionary<string, string> read = OnnxModelMetadata.Read(student.Result.ItemTowerPath);

        foreach ((string key, string value) in student.Metadata)
        {
            Assert.Equal(value, read[key]);
        }
        Assert.Equal("item", read[OnnxMetadataKeys.Tower]);
        Assert.Equal("1", read[OnnxMetadataKeys.FormatVersion]);
        Assert.Equal("8", read[OnnxMetadataKeys.EmbeddingDim]);
        Assert.Equal(student.Weights.Temperature, float.Parse(read[OnnxMetadataKeys.Temperature], CultureInfo.InvariantCulture));
        Assert.Contains("\"item_embedding\"", read[OnnxMetadataKeys.Output], StringComparison.Ordinal);
        Assert.Equal(student.Metadata.Count + OnnxMetadataKeys.All.Count, read.Count);
    }

    [Fact]
    public void Export_ModelHeader_HasIrVersionOpsetProducerAndDocString()
    {
        using var student = new ExportedStudent();

        ModelProto model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(student.Result.UserTowerPath));

        Assert.Equal(8, model.IrVersion);
        OperatorSetIdProto opset = Assert.Single(model.OpsetImport);
        Assert.Equal((string.Empty, 17L), (opset.Domain, opset.Version));
        Assert.Equal("cascade-distill", model.ProducerName);
        Assert.Contains("user tower", model.DocString, StringComparison.Ordinal);
        Assert.Contains("user_tags (multi_categorical)", model.DocString, StringComparison.Ordinal);
        Assert.Equal("user_tower", model.Graph.Name);
    }

    [Fact]
    public void Export_ReservedMetadataKey_ThrowsArgumentException()
    {
        using var directory = new TemporaryDirectory();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [OnnxMetadataKeys.Tower] = "mine" };
        var request = new OnnxExportRequest(RandomTwoTowerWeightsBuilder.Standard().Build(1), directory.Path, metadata);

        var ex = Assert.Throws<ArgumentException>(() => new OnnxExporter().Export(request));

        Assert.Contains(OnnxMetadataKeys.Tower, ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Export_InconsistentWeights_ThrowsListingEveryProblemAndWritesNothing()
    {
        using var directory = new TemporaryDirectory();
        TwoTowerWeights weights = RandomTwoTowerWeightsBuilder.Standard().Build(1);
        var embeddings = new Dictionary<string, DenseMatrix>(weights.User.Embeddings, StringComparer.Ordinal)
        {
            ["user_id"] = new DenseMatrix(3, 6, new float[18]),
        };
        DenseLayer first = weights.Item.Layers[0];
        var badLayer = new DenseLayer(first.Weight, new float[first.OutputWidth + 1]);
        TwoTowerWeights broken = weights with
        {
            User = weights.User with { Embeddings = embeddings },
            Item = weights.Item with { Layers = [badLayer, weights.Item.Layers[1]] },
        };

        var ex = Assert.Throws<InvalidDataException>(() => new OnnxExporter().Export(
            new OnnxExportRequest(broken, directory.Path, new Dictionary<string, string>(StringComparer.Ordinal))));

        Assert.Contains("user.features[user_id]: embedding table is 3x6, expected 97x6", ex.Message, StringComparison.Ordinal);
        Assert.Contains("item.layers[0]: bias has 13 values for 12 outputs", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }
}
