using CascadeDistill.Features;
using CascadeDistill.Students;
using CascadeDistill.Torch.Students;
using CascadeDistill.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CascadeDistill.Torch.Training;

/// <summary>A trained two-tower student held as a TorchSharp module. Dispose to free its tensors.</summary>
public sealed class TorchTrainedStudent : ITrainedStudent, IMultiHeadStudent
{
    /// <summary>Rows encoded per forward pass by <see cref="EncodeUsers"/> and <see cref="EncodeItems"/>.</summary>
    public const int EncodeBatchSize = 4096;

    private readonly TwoTowerModule _model;
    private readonly Device _device;
    private bool _disposed;

    /// <summary>Takes ownership of <paramref name="model"/>.</summary>
    public TorchTrainedStudent(TwoTowerModule model, IReadOnlyList<EpochRecord> curve, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(device);
        _model = model;
        _device = device;
        Curve = curve;
        ParameterCount = model.TrainableParameterCount;
        _model.eval();
    }

    public IReadOnlyList<EpochRecord> Curve { get; }

    public long ParameterCount { get; }

    public TwoTowerWeights ExportWeights()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _model.Export();
    }

    /// <summary>Serving vectors (with heads: each head's vector scaled by its fusion weight, concatenated).</summary>
    public float[] EncodeUsers(FeatureBatch users) => Encode(_model.User, users, serving: true);

    public float[] EncodeItems(FeatureBatch items) => Encode(_model.Item, items, serving: true);

    public IReadOnlyList<string> HeadNames => _model.Heads?.Names ?? [];

    public float[] EncodeUserHeads(FeatureBatch users) => Encode(_model.User, users, serving: false);

    public float[] EncodeItemHeads(FeatureBatch items) => Encode(_model.Item, items, serving: false);

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _model.Dispose();
        }
    }

    private float[] Encode(TowerModule tower, FeatureBatch batch, bool serving)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(batch);
        int width = tower.OutputWidth;
        var output = new float[(long)batch.RowCount * width];
        using IDisposable noGrad = no_grad();
        for (int start = 0; start < batch.RowCount; start += EncodeBatchSize)
        {
            int count = Math.Min(EncodeBatchSize, batch.RowCount - start);
            using DisposeScope scope = NewDisposeScope();
            TowerInput input = TowerInput.Create(tower.Features, batch, start, count, _device);
            float[] vectors = TensorArrays.ToArray(serving ? tower.ForwardServing(input) : tower.forward(input));
            vectors.CopyTo(output, (long)start * width);
        }
        return output;
    }
}
