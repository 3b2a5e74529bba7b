using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.RateLimiting;

/// <summary>Validates <see cref="RateLimitOptions"/>, reporting every problem at once.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.PerIpPermitLimit < 1)
        {
            failures.Add($"{RateLimitOptions.SectionName}:PerIpPermitLimit must be at least 1.");
        }

        if (options.SocketPerIpPermitLimit is < 1)
        {
            failures.Add($"{RateLimitOptions.SectionName}:SocketPerIpPermitLimit must be at least 1.");
        }

        if (options.PerPlayerPermitLimit < 1)
        {
            failures.Add($"{RateLimitOptions.SectionName}:PerPlayerPermitLimit must be at least 1.");
        }

        if (options.PerIpWindow <= TimeSpan.Zero || options.PerIpWindow > TimeSpan.FromHours(1))
        {
            failures.Add($"{RateLimitOptions.SectionName}:PerIpWindow must be positive and at most 1 hour.");
        }

        if (options.PerPlayerWindow <= TimeSpan.Zero || options.PerPlayerWindow > TimeSpan.FromHours(1))
        {
            failures.Add($"{RateLimitOptions.SectionName}:PerPlayerWindow must be positive and at most 1 hour.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
