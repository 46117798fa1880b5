using global::Hangfire;
using global::Hangfire.Common;
using global::Hangfire.States;

namespace CascadeDistill.Hangfire.Tests.Support;

/// <summary>A job client that records what is created.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Created { get; } = [];

    public string Create(Job job, IState state)
    {
        Created.Add(job);
        return $"job-{Created.Count}";
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
