using CascadeDistill.Features;
using CascadeDistill.Students;
using CascadeDistill.Training;

namespace CascadeDistill.Runs;

/// <summary>
/// A student restored from its TrainStudent checkpoint (<see cref="StudentWeightsFile"/>): it computes
/// with the plain C# reference forward (<see cref="TowerReference"/>), the definition the TorchSharp student
/// and the exported ONNX graph both match, so a resumed run evaluates and exports without retraining.
/// Holds no native memory.
/// </summary>
public sealed class CheckpointedStudent(TwoTowerWeights weights, IReadOnlyList<EpochRecord> curve, long parameterCount) : ITrainedStudent, IMultiHeadStudent
{
    public IReadOnlyList<EpochRecord> Curve { get; } = curve ?? throw new ArgumentNullException(nameof(curve));

    public long ParameterCount { get; } = parameterCount;

    public TwoTowerWeights ExportWeights() => weights;

    public float[] EncodeUsers(FeatureBatch users) => TowerReference.Forward(weights.User, users);

    public float[] EncodeItems(FeatureBatch items) => TowerReference.Forward(weights.Item, items);

    public IReadOnlyList<string> HeadNames => weights.User.Heads?.Names ?? [];

    public float[] EncodeUserHeads(FeatureBatch users) => TowerReference.ForwardHeads(weights.User, users);

    public float[] EncodeItemHeads(FeatureBatch items) => TowerReference.ForwardHeads(weights.Item, items);

    public void Dispose()
    {
    }
}
