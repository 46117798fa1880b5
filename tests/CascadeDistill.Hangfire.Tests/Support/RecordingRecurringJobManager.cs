using global::Hangfire;
using global::Hangfire.Common;

namespace CascadeDistill.Hangfire.Tests.Support;

/// <summary>A recurring-job manager that records registrations.</summary>
public sealed class RecordingRecurringJobManager : IRecurringJobManager
{
    public Dictionary<string, (Job Job, string Cron, RecurringJobOptions Options)> Jobs { get; } = new(StringComparer.Ordinal);

    public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) =>
        Jobs[recurringJobId] = (job, cronExpression, options);

    public void Trigger(string recurringJobId) => throw new NotSupportedException();

    public void RemoveIfExists(string recurringJobId) => Jobs.Remove(recurringJobId);
}
