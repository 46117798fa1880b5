namespace CascadeDistill.Students;

/// <summary>
/// Standardisation of a numeric feature, computed on the training window's unsampled rows and
/// baked into the model: <c>(x - Mean) / Std</c>. <c>Std</c> is never below <see cref="MinStd"/>.
/// </summary>
public sealed record NumericStatistics(float Mean, float Std)
{
    public const float MinStd = 1e-6f;
}
