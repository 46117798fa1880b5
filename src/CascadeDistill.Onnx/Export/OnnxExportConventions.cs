namespace CascadeDistill.Onnx.Export;

/// <summary>The fixed parts of the exported files: names, versions and the producer.</summary>
public static class OnnxExportConventions
{
    public const string UserTowerFileName = "user_tower.onnx";
    public const string ItemTowerFileName = "item_tower.onnx";
    public const string UserOutputName = "user_embedding";
    public const string ItemOutputName = "item_embedding";

    /// <summary>ONNX IR version 8 (ONNX 1.12+, ONNX Runtime 1.12+).</summary>
    public const long IrVersion = 8;

    /// <summary>Default-domain operator set.</summary>
    public const long Opset = 17;

    public const string ProducerName = "cascade-distill";

    /// <summary>Bumped whenever the graph layout changes.</summary>
    public const string ProducerVersion = "1";

    /// <summary>Value of <c>cascade_distill.format_version</c>.</summary>
    public const string MetadataFormatVersion = "1";
}
