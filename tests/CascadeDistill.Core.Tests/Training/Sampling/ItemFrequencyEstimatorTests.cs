using CascadeDistill.Training.Sampling;

namespace CascadeDistill.Core.Tests.Training.Sampling;

public sealed class ItemFrequencyEstimatorTests
{
    private const int Buckets = 1 << 16;

    [Fact]
    public void Probability_ItemSeenAtSteps1And3And7_FollowsTheMovingAverageOfGaps()
    {
        var estimator = new ItemFrequencyEstimator(Buckets, alpha: 0.5);

        estimator.Observe(1, [42]);
        double afterFirst = estimator.Probability(42);     // B = 1 (gap since step 0)
        estimator.Observe(3, [42]);
        double afterSecond = estimator.Probability(42);    // B = 0.5·1 + 0.5·(3 − 1) = 1.5
        estimator.Observe(7, [42]);
        double afterThird = estimator.Probability(42);     // B = 0.5·1.5 + 0.5·(7 − 3) = 2.75

        Assert.Equal(1.0, afterFirst, 12);
        Assert.Equal(1 / 1.5, afterSecond, 12);
        Assert.Equal(1 / 2.75, afterThird, 12);
    }

    [Fact]
    public void Probability_FirstSeenAtStep4_IsOneOverTheStep()
    {
        var estimator = new ItemFrequencyEstimator(Buckets, alpha: 0.1);
        estimator.Observe(1, [1]);
        estimator.Observe(4, [2]);

        Assert.Equal(0.25, estimator.Probability(2), 12);
        Assert.Equal(1.0, estimator.Probability(1), 12);
    }

    [Fact]
    public void Observe_SameIdTwiceInOneStep_CountsOnce()
    {
        var estimator = new ItemFrequencyEstimator(Buckets, alpha: 0.5);
        estimator.Observe(1, [5]);

        // Counted twice, the second sighting would be a gap of 0: B = 0.5·1 + 0.5·0 → q = 2.
        estimator.Observe(2, [5, 5]);

        Assert.Equal(1.0, estimator.Probability(5), 12);
    }

    [Fact]
    public void Probability_NeverSeen_IsOneOverStepPlusOne()
    {
        var estimator = new ItemFrequencyEstimator(Buckets, alpha: 0.5);
        Assert.Equal(1.0, estimator.Probability(9), 12);

        estimator.Observe(3, [1]);

        Assert.Equal(0.25, estimator.Probability(9), 12);
    }

    [Fact]
    public void Probability_ItemEveryStepVersusEveryFourthStep_ConvergeToOneAndAQuarter()
    {
        var estimator = new ItemFrequencyEstimator(Buckets, alpha: 0.2);
        for (int step = 1; step <= 200; step++)
        {
            estimator.Observe(step, step % 4 == 0 ? [1, 2] : [1]);
        }

        Assert.Equal(1.0, estimator.Probability(1), 12);
        Assert.Equal(0.25, estimator.Probability(2), 6);
    }

    [Fact]
    public void Probability_OneBucket_IdsShareTheEstimate()
    {
        var estimator = new ItemFrequencyEstimator(buckets: 1, alpha: 0.5);
        estimator.Observe(1, [10]);
        estimator.Observe(2, [20]);   // the same bucket seen again one step later: B = 0.5·1 + 0.5·1

        Assert.Equal(1.0, estimator.Probability(10), 12);
        Assert.Equal(1.0, estimator.Probability(30), 12);
    }

    [Fact]
    public void Observe_StepGoesBack_Throws()
    {
        var estimator = new ItemFrequencyEstimator(Buckets, alpha: 0.5);
        estimator.Observe(5, [1]);

        Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Observe(4, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemFrequencyEstimator(Buckets, alpha: 0.5).Observe(0, [1]));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(16, 0)]
    [InlineData(16, 1.5)]
    [InlineData(16, double.NaN)]
    public void Constructor_InvalidArguments_Throws(int buckets, double alpha)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemFrequencyEstimator(buckets, alpha));
    }
}
