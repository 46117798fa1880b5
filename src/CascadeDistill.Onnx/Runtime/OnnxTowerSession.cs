using System.Globalization;
using CascadeDistill.Features;
using CascadeDistill.Onnx.Contracts;
using Microsoft.ML.OnnxRuntime;

namespace CascadeDistill.Onnx.Runtime;

/// <summary>
/// One exported tower loaded in ONNX Runtime: owns the <see cref="SessionOptions"/> and the
/// <see cref="InferenceSession"/> of one configuration, and reads the input contract from the
/// model's metadata so callers only pass a <see cref="FeatureBatch"/>.
/// </summary>
public sealed class OnnxTowerSession : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly string[] _outputNames;

    /// <param name="intraOpThreads">ONNX Runtime intra-op threads; 1 (the default) gives run-to-run identical results.</param>
    /// <param name="outputName">
    /// The output <see cref="Run"/> returns: null = the tower's main output (named in its <c>cascade_distill.output</c>
    /// metadata); a per-objective head's output name (<c>cascade_distill.heads</c>) to read that head's vectors.
    /// </param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a loadable ONNX model or not a CascadeDistill tower.</exception>
    public OnnxTowerSession(
        string modelPath, GraphOptimizationLevel optimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, int intraOpThreads = 1, string? outputName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        ModelPath = Path.GetFullPath(modelPath);
        _options = new SessionOptions { GraphOptimizationLevel = optimizationLevel, IntraOpNumThreads = intraOpThreads };
        try
        {
            _session = OnnxModelMetadata.OpenSession(ModelPath, _options);
            Metadata = new Dictionary<string, string>(_session.ModelMetadata.CustomMetadataMap, StringComparer.Ordinal);
            Inputs = TowerInputJson.Parse(Required(OnnxMetadataKeys.Inputs));
            Features = TowerInputContract.Features(Inputs);
            EmbeddingDim = int.Parse(Required(OnnxMetadataKeys.EmbeddingDim), NumberStyles.None, CultureInfo.InvariantCulture);
            _outputNames = [CheckSignature()];
            if (outputName is not null && outputName != _outputNames[0])
            {
                EmbeddingDim = HeadDim(outputName);
                _outputNames = [outputName];
            }
        }
        catch
        {
            _session?.Dispose();
            _options.Dispose();
            throw;
        }
    }

    public string ModelPath { get; }

    /// <summary>The model's metadata_props.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The published input contract.</summary>
    public IReadOnlyList<TowerInput> Inputs { get; }

    /// <summary>The tower's features, in input order.</summary>
    public IReadOnlyList<FeatureDefinition> Features { get; }

    public string OutputName => _outputNames[0];

    /// <summary>Width of the output <see cref="Run"/> returns (a head's width when a head output was chosen).</summary>
    public int EmbeddingDim { get; }

    /// <summary>Row-major [batch.RowCount, EmbeddingDim] L2-normalised vectors.</summary>
    /// <exception cref="OperationCanceledException">Cancelled (the running inference is terminated).</exception>
    public float[] Run(FeatureBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        using OnnxTowerInputs inputs = OnnxTowerInputs.Create(Features, batch);
        using var runOptions = new RunOptions();
        using CancellationTokenRegistration registration = cancellationToken.Register(() => runOptions.Terminate = true);
        try
        {
            using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(runOptions, inputs.Names, inputs.Values, _outputNames);
            OrtValue output = outputs[0];
            long[] shape = output.GetTensorTypeAndShape().Shape;
            if (shape.Length != 2 || shape[0] != batch.RowCount || shape[1] != EmbeddingDim)
            {
                throw new InvalidDataException(
                    $"'{ModelPath}' returned shape [{string.Join(", ", shape)}], expected [{batch.RowCount}, {EmbeddingDim}].");
            }
            return output.GetTensorDataAsSpan<float>().ToArray();
        }
        catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("ONNX Runtime inference was cancelled.", ex, cancellationToken);
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
    }

    private string Required(string key) =>
        Metadata.TryGetValue(key, out string? value)
            ? value
            : throw new InvalidDataException($"'{ModelPath}' has no '{key}' metadata; it is not a CascadeDistill tower.");

    /// <summary>The session's inputs must be exactly the published contract, with one float output.</summary>
    private string CheckSignature()
    {
        string[] declared = Inputs.Select(i => i.Name).Order(StringComparer.Ordinal).ToArray();
        string[] actual = _session.InputMetadata.Keys.Order(StringComparer.Ordinal).ToArray();
        if (!declared.SequenceEqual(actual, StringComparer.Ordinal))
        {
            throw new InvalidDataException(
                $"'{ModelPath}' inputs [{string.Join(", ", actual)}] differ from its contract [{string.Join(", ", declared)}].");
        }
        int heads = Metadata.TryGetValue(OnnxMetadataKeys.Heads, out string? headsJson) ? OnnxHeadsJson.Parse(headsJson).Count : 0;
        if (_session.OutputMetadata.Count != 1 + heads)
        {
            throw new InvalidDataException($"'{ModelPath}' has {_session.OutputMetadata.Count} outputs, expected {1 + heads}.");
        }
        if (heads == 0)
        {
            return _session.OutputMetadata.Keys.Single();
        }
        string main = OnnxHeadsJson.MainOutputName(Required(OnnxMetadataKeys.Output));
        return _session.OutputMetadata.ContainsKey(main)
            ? main
            : throw new InvalidDataException($"'{ModelPath}' has no output '{main}', the main output its metadata names.");
    }

    private int HeadDim(string outputName)
    {
        foreach ((string _, string output, int dim) in Metadata.TryGetValue(OnnxMetadataKeys.Heads, out string? json) ? OnnxHeadsJson.Parse(json) : [])
        {
            if (output == outputName && _session.OutputMetadata.ContainsKey(output))
            {
                return dim;
            }
        }
        throw new InvalidDataException($"'{ModelPath}' has no head output '{outputName}'.");
    }
}
