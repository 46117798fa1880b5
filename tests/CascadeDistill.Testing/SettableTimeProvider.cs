namespace CascadeDistill.Testing;

/// <summary>A <see cref="TimeProvider"/> whose UTC time is set and advanced by the test. Thread-safe.</summary>
public sealed class SettableTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public SettableTimeProvider()
        : this(new DateTimeOffset(2025, 1, 15, 8, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }

    public void Set(DateTimeOffset now)
    {
        lock (_lock)
        {
            _now = now;
        }
    }
}
