using CascadeDistill.Export;
using CascadeDistill.Hangfire.Jobs;
using CascadeDistill.Hangfire.Tests.Support;
using CascadeDistill.Logs;
using CascadeDistill.Pipelines;
using CascadeDistill.Training;
using global::Hangfire;
using global::Hangfire.InMemory;
using global::Hangfire.States;

namespace CascadeDistill.Hangfire.Tests.Jobs;

/// <summary>The retry policy on <see cref="DistillationJob.RunAsync"/>, applied by a real Hangfire server over in-memory storage.</summary>
public sealed class DistillationJobRetryTests
{
    public static TheoryData<string> Deterministic => ["definition", "contract", "data", "parity", "diverged", "bug"];

    public static TheoryData<string> Transient => ["io", "database", "timeout"];

    [Theory]
    [MemberData(nameof(Deterministic))]
    public async Task RunAsync_DeterministicFailure_FailsOnceWithoutRetry(string failure)
    {
        (string state, string? reason, int calls) = await RunToStateAsync(Failure(failure), FailedState.StateName);

        Assert.Equal(FailedState.StateName, state);
        Assert.DoesNotContain("Retry attempt", reason ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(1, calls);
    }

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task RunAsync_TransientFailure_IsScheduledForRetry(string failure)
    {
        (string state, string? reason, int calls) = await RunToStateAsync(Failure(failure), ScheduledState.StateName);

        Assert.Equal(ScheduledState.StateName, state);
        Assert.StartsWith("Retry attempt 1 of 3", reason, StringComparison.Ordinal);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void RunAsync_RetryAttribute_RetriesOnlyTransientTypesThreeTimes()
    {
        AutomaticRetryAttribute retry = Assert.Single(
            typeof(DistillationJob).GetMethod(nameof(DistillationJob.RunAsync))!.GetCustomAttributes(typeof(AutomaticRetryAttribute), inherit: false).Cast<AutomaticRetryAttribute>());

        Assert.Equal(3, retry.Attempts);
        Assert.Equal(AttemptsExceededAction.Fail, retry.OnAttemptsExceeded);
        Type[] deterministic = [typeof(PipelineDefinitionException), typeof(LogContractException), typeof(InvalidDataException), typeof(ParityCheckException), typeof(TrainingDivergedException)];
        Assert.All(deterministic, t => Assert.DoesNotContain(retry.OnlyOn, o => o.IsAssignableFrom(t)));
        Assert.Contains(retry.OnlyOn, o => o.IsAssignableFrom(typeof(IOException)));
    }

    private static Exception Failure(string name) => name switch
    {
        "definition" => new PipelineDefinitionException("p.yaml", [new PipelineDefinitionError("training.epochs", "must be at least 1")]),
        "contract" => new LogContractException("a.arrow", "missing_column", "column teacher.click is missing"),
        "data" => new InvalidDataException("truncated Arrow file"),
        "parity" => new ParityCheckException(new ParityReport("user_tower.onnx", 10, new Dictionary<string, double> { ["batch_1"] = 1.0 }), 1e-5),
        "diverged" => new TrainingDivergedException(1, 7),
        "bug" => new InvalidOperationException("a bug"),
        "io" => new IOException("disk busy"),
        "database" => new FakeDbException("database is locked"),
        "timeout" => new TimeoutException("storage timeout"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static async Task<(string State, string? Reason, int Calls)> RunToStateAsync(Exception failure, string expected)
    {
        using var storage = new InMemoryStorage();
        ScriptedLauncher launcher = ScriptedLauncher.Throwing(failure);
        var client = new BackgroundJobClient(storage);
        string jobId = client.Enqueue<DistillationJob>(job => job.RunAsync("recall", "2025-01-14", CancellationToken.None));
        using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 1, Queues = [DistillationQueues.Dataset, DistillationQueues.Training, DistillationQueues.Default], Activator = new SingleJobActivator(launcher) }, storage))
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                using var connection = storage.GetConnection();
                if (connection.GetStateData(jobId) is { } data && data.Name != EnqueuedState.StateName && data.Name != ProcessingState.StateName)
                {
                    return (data.Name, data.Reason, launcher.Calls);
                }
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"Job {jobId} did not leave Enqueued/Processing (expected {expected}).");
    }
}
