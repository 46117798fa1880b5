using Microsoft.Extensions.Options;

namespace CascadeDistill.Hangfire.Jobs;

/// <summary>Rules across <see cref="DistillationQueueOptions"/> fields; every failure is reported with its configuration path.</summary>
public sealed class DistillationQueueOptionsValidator : IValidateOptions<DistillationQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, DistillationQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.SplitStages && options.DatasetWorkers == 0 && options.TrainingWorkers == 0)
        {
            errors.Add($"{DistillationQueueOptions.Section}:DatasetWorkers and {DistillationQueueOptions.Section}:TrainingWorkers are both 0: this host would take no work. Give one of them at least 1 worker.");
        }
        if (!options.SplitStages && (options.DatasetWorkers != 1 || options.TrainingWorkers != 1))
        {
            errors.Add($"{DistillationQueueOptions.Section}:DatasetWorkers/TrainingWorkers apply only with {DistillationQueueOptions.Section}:SplitStages = true; without it Serve:WorkerCount sets the workers.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
