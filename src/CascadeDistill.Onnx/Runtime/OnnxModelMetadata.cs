using Microsoft.ML.OnnxRuntime;

namespace CascadeDistill.Onnx.Runtime;

/// <summary>Reads an ONNX file's metadata_props back through ONNX Runtime (any producer's model).</summary>
public static class OnnxModelMetadata
{
    /// <exception cref="FileNotFoundException">No file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a loadable ONNX model.</exception>
    public static IReadOnlyDictionary<string, string> Read(string modelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using InferenceSession session = OpenSession(Path.GetFullPath(modelPath), options);
        return new Dictionary<string, string>(session.ModelMetadata.CustomMetadataMap, StringComparer.Ordinal);
    }

    /// <summary>Opens a session, turning ONNX Runtime's load failures into <see cref="InvalidDataException"/>.</summary>
    internal static InferenceSession OpenSession(string fullPath, SessionOptions options)
    {
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"ONNX model '{fullPath}' does not exist.", fullPath);
        }
        try
        {
            return new InferenceSession(fullPath, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"'{fullPath}' is not a loadable ONNX model: {ex.Message}", ex);
        }
    }
}
