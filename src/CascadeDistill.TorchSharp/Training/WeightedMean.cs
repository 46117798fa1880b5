namespace CascadeDistill.Torch.Training;

/// <summary>A running weighted mean of batch losses (each batch weighted by its Σ w_i); NaN while empty.</summary>
internal sealed class WeightedMean
{
    private double _sum;
    private double _weight;

    public double Value => _weight > 0 ? _sum / _weight : double.NaN;

    public void Add(double value, double weight)
    {
        _sum += value * weight;
        _weight += weight;
    }

    public void Reset()
    {
        _sum = 0;
        _weight = 0;
    }
}
