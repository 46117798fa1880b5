using CascadeDistill.Hangfire.Jobs;
using global::Hangfire;
using Microsoft.Extensions.Logging.Abstractions;

namespace CascadeDistill.Hangfire.Tests.Support;

/// <summary>Activates <see cref="DistillationJob"/> over a given launcher.</summary>
public sealed class SingleJobActivator(IDistillationRunLauncher launcher) : JobActivator
{
    public override object ActivateJob(Type jobType) =>
        jobType == typeof(DistillationJob)
            ? new DistillationJob(launcher, NullLogger<DistillationJob>.Instance)
            : throw new InvalidOperationException($"Unexpected job type {jobType}.");
}
