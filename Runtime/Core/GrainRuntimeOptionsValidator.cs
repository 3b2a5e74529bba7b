using Microsoft.Extensions.Options;

namespace GameCluster.Runtime;

/// <summary>Reports every invalid runtime timing and limit at once.</summary>
internal sealed class GrainRuntimeOptionsValidator : IValidateOptions<GrainCollectionOptions>, IValidateOptions<GrainCallOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options)
    {
        List<string> failures = [];
        RequirePositive(failures, "Grains:CollectionAge", options.CollectionAge);
        RequirePositive(failures, "Grains:CollectionQuantum", options.CollectionQuantum);
        RequirePositive(failures, "Grains:ActivationTimeout", options.ActivationTimeout);
        RequirePositive(failures, "Grains:DeactivationTimeout", options.DeactivationTimeout);
        if (options.MaxWaitingRequests < 0)
        {
            failures.Add($"Grains:MaxWaitingRequests must be 0 (no limit) or more (was {options.MaxWaitingRequests}).");
        }

        if (options.MaxWaitingRequestsPerSilo < 0)
        {
            failures.Add($"Grains:MaxWaitingRequestsPerSilo must be 0 (no limit) or more (was {options.MaxWaitingRequestsPerSilo}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, GrainCallOptions options)
    {
        List<string> failures = [];
        RequirePositive(failures, "Messaging:ResponseTimeout", options.ResponseTimeout);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive (was {value}).");
        }
    }
}
