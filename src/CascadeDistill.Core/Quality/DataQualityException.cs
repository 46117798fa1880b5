namespace CascadeDistill.Quality;

/// <summary>A run refused before training because its logs are too broken (quarantine rate) or drifted too far (a blocking drift gate).</summary>
public sealed class DataQualityException(string reasonCode, string message) : Exception($"[{reasonCode}] {message}")
{
    /// <summary><see cref="QuarantineRateExceeded"/> or <see cref="DriftBlocked"/>.</summary>
    public string ReasonCode { get; } = reasonCode;

    public const string QuarantineRateExceeded = "quarantine_rate_exceeded";

    public const string DriftBlocked = "drift_blocked";
}
