namespace CascadeDistill.Export;

/// <summary>Writes a two-tower student as two ONNX graphs (preprocessing included) without any ML framework.</summary>
public interface IOnnxExporter
{
    OnnxExportResult Export(OnnxExportRequest request);
}
