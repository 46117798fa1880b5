using System.Globalization;
using System.Text;
using System.Text.Json;
using CascadeDistill.Features;
using CascadeDistill.Onnx.Contracts;
using CascadeDistill.Onnx.Schema;
using CascadeDistill.Students;

namespace CascadeDistill.Onnx.Export;

/// <summary>Wraps a tower graph into a <see cref="ModelProto"/> with versions, producer, doc string and metadata.</summary>
internal static class TowerModelFactory
{
    public static ModelProto Create(TowerWeights tower, FeatureSide side, float temperature, IReadOnlyDictionary<string, string> metadata)
    {
        string towerName = side == FeatureSide.User ? "user" : "item";
        string outputName = side == FeatureSide.User ? OnnxExportConventions.UserOutputName : OnnxExportConventions.ItemOutputName;
        string doc = Describe(tower, towerName, outputName);
        var model = new ModelProto
        {
            IrVersion = OnnxExportConventions.IrVersion,
            ProducerName = OnnxExportConventions.ProducerName,
            ProducerVersion = OnnxExportConventions.ProducerVersion,
            DocString = doc,
            Graph = TowerGraphFactory.Create(tower, $"{towerName}_tower", outputName, doc),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OnnxExportConventions.Opset });

        var props = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [OnnxMetadataKeys.FormatVersion] = OnnxExportConventions.MetadataFormatVersion,
            [OnnxMetadataKeys.Tower] = towerName,
            [OnnxMetadataKeys.Inputs] = TowerInputJson.Write(TowerInputContract.For(tower.Features)),
            [OnnxMetadataKeys.Output] = OutputJson(outputName, tower.OutputWidth),
            [OnnxMetadataKeys.EmbeddingDim] = tower.OutputWidth.ToString(CultureInfo.InvariantCulture),
            [OnnxMetadataKeys.Temperature] = temperature.ToString("R", CultureInfo.InvariantCulture),
        };
        if (tower.Heads is not null)
        {
            props[OnnxMetadataKeys.Heads] = HeadsJson(tower, outputName);
        }
        foreach ((string key, string value) in metadata)
        {
            props.Add(key, value);
        }
        foreach ((string key, string value) in props)
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        return model;
    }

    private static string Describe(TowerWeights tower, string towerName, string outputName)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"CascadeDistill {towerName} tower. Inputs are raw logged values; ");
        text.Append("ids are hashed by floor modulo and embedded, id lists mean-pooled over their first max_length ids, ");
        text.Append("numerics standardised. Features: ");
        text.AppendJoin(", ", tower.Features.Select(f => $"{f.Name} ({TowerInputJson.KindName(f.Kind)})"));
        text.Append(CultureInfo.InvariantCulture, $". MLP {tower.InputWidth}");
        foreach (DenseLayer layer in tower.Layers)
        {
            text.Append(CultureInfo.InvariantCulture, $" -> {layer.OutputWidth}");
        }
        text.Append(CultureInfo.InvariantCulture, $" (ReLU between layers), L2-normalised output '{outputName}' [batch, {tower.OutputWidth}]. ");
        text.Append("Score = dot(user_embedding, item_embedding) / temperature.");
        if (tower.Heads is { } heads)
        {
            text.Append(CultureInfo.InvariantCulture, $" Per-objective heads ({string.Join(", ", heads.Names)}): the last layer's {heads.Count} slices of {tower.HeadWidth} ");
            text.Append("are L2-normalised one by one (outputs '");
            text.AppendJoin("', '", heads.Names.Select(n => TowerGraphFactory.HeadOutputName(outputName, n)));
            text.Append(CultureInfo.InvariantCulture, $"'); '{outputName}' concatenates them, head k multiplied by its scale (");
            text.AppendJoin(", ", heads.Scales.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            text.Append("), so the dot product of the two main outputs is the fusion-weighted sum of the heads' dot products.");
        }
        return text.ToString();
    }

    private static string HeadsJson(TowerWeights tower, string outputName)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            TowerHeads heads = tower.Heads!;
            for (int k = 0; k < heads.Count; k++)
            {
                json.WriteStartObject();
                json.WriteString("objective", heads.Names[k]);
                json.WriteString("output", TowerGraphFactory.HeadOutputName(outputName, heads.Names[k]));
                json.WriteNumber("scale", heads.Scales[k]);
                json.WriteNumber("dim", tower.HeadWidth);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string OutputJson(string name, int width)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("dtype", TowerInputContract.Float);
            json.WriteStartArray("shape");
            json.WriteStringValue(TowerInputContract.BatchDimension);
            json.WriteNumberValue(width);
            json.WriteEndArray();
            json.WriteBoolean("l2_normalised", true);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
