using CascadeDistill.Quality;

namespace CascadeDistill.Core.Tests.Quality;

public sealed class LogitHistogramTests
{
    [Fact]
    public void Coarse_ValuesAcrossTheRange_LandInTheirUnitBinsAndTheOpenEnds()
    {
        var histogram = new LogitHistogram();
        foreach (double value in new[] { -25.0, -20.0, -0.5, 0.0, 0.99, 19.99, 20.0, 31.0 })
        {
            histogram.Add(value);
        }

        long[] coarse = histogram.Coarse();

        Assert.Equal(42, coarse.Length);
        Assert.Equal(1, coarse[0]);             // -25 below the range
        Assert.Equal(1, coarse[1]);             // [-20, -19)
        Assert.Equal(1, coarse[1 + 19]);        // -0.5 in [-1, 0)
        Assert.Equal(2, coarse[1 + 20]);        // 0 and 0.99 in [0, 1)
        Assert.Equal(1, coarse[1 + 39]);        // 19.99 in [19, 20)
        Assert.Equal(2, coarse[41]);            // 20 and 31 at or above the range
        Assert.Equal(8, coarse.Sum());
    }

    [Fact]
    public void Quantile_UniformValues_IsWithinHalfAFineBin()
    {
        var histogram = new LogitHistogram();
        for (int i = 0; i < 1000; i++)
        {
            histogram.Add(-2 + (4.0 * i / 1000));   // uniform on [-2, 2)
        }

        Assert.InRange(histogram.Quantile(0.5), -LogitHistogram.FineWidth, LogitHistogram.FineWidth);
        Assert.InRange(histogram.Quantile(0.25), -1 - LogitHistogram.FineWidth, -1 + LogitHistogram.FineWidth);
        Assert.InRange(histogram.Quantile(0.95), 1.8 - LogitHistogram.FineWidth, 1.8 + LogitHistogram.FineWidth);
    }

    [Fact]
    public void Quantile_Empty_IsNaN() => Assert.True(double.IsNaN(new LogitHistogram().Quantile(0.5)));
}
