namespace CascadeDistill.Datasets;

/// <summary>Streaming mean and standard deviation (Welford), constant memory.</summary>
public sealed class RunningStatistics
{
    private double _mean;
    private double _m2;

    public long Count { get; private set; }

    public double Mean => _mean;

    /// <summary>Population standard deviation; 0 with fewer than two values.</summary>
    public double StandardDeviation => Count < 2 ? 0 : Math.Sqrt(_m2 / Count);

    public void Add(double value)
    {
        Count++;
        double delta = value - _mean;
        _mean += delta / Count;
        _m2 += delta * (value - _mean);
    }
}
