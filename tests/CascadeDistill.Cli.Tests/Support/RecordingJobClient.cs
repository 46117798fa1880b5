using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace CascadeDistill.Cli.Tests.Support;

/// <summary>A job client that records what is created and in which state (enqueued or scheduled).</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<(Job Job, IState State)> Created { get; } = [];

    public string Create(Job job, IState state)
    {
        Created.Add((job, state));
        return $"job-{Created.Count}";
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
