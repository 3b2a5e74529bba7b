using Microsoft.Extensions.Options;

namespace GameCluster.Storage;

/// <summary>Reports every invalid <c>Storage:Expiry</c> setting at once.</summary>
internal sealed class GrainStateExpiryOptionsValidator : IValidateOptions<GrainStateExpiryOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainStateExpiryOptions options)
    {
        List<string> failures = [];
        if (options.SweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"Storage:Expiry:SweepInterval must be positive (was {options.SweepInterval}).");
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            failures.Add($"Storage:Expiry:BatchSize must be between 1 and 100000 (was {options.BatchSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
