namespace CascadeDistill.Cli.Tests.Support;

/// <summary>
/// Test classes that start <c>serve</c> hosts inside the test process run one at a time: Hangfire keeps one
/// process-wide log provider bound to the last host's logger factory, and a host disposed in one class while
/// another class starts its own made that start fail (ObjectDisposedException from the disposed factory).
/// A class that creates Hangfire storage without a host joins too, and first sets a log provider of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServeHostCollection
{
    public const string Name = "In-process serve hosts";
}
