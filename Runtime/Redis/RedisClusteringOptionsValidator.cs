using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GameCluster.Redis;

/// <summary>Reports every invalid Redis clustering setting at once.</summary>
public sealed class RedisClusteringOptionsValidator : IValidateOptions<RedisClusteringOptions>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RedisClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{RedisClusteringOptions.SectionName}:ConnectionString is required (for example 127.0.0.1:6379).");
        }
        else
        {
            try
            {
                if (ConfigurationOptions.Parse(options.ConnectionString).EndPoints.Count == 0)
                {
                    failures.Add($"{RedisClusteringOptions.SectionName}:ConnectionString names no endpoint (for example 127.0.0.1:6379).");
                }
            }
            catch (ArgumentException e)
            {
                // The message of the parser names the bad option, never the password's value.
                failures.Add($"{RedisClusteringOptions.SectionName}:ConnectionString is not a valid Redis configuration string: {e.Message}");
            }
        }

        if (options.KeyPrefix is { } prefix && prefix.Any(char.IsWhiteSpace))
        {
            failures.Add($"{RedisClusteringOptions.SectionName}:KeyPrefix must not contain white space (was '{prefix}').");
        }

        RequireTimeout(failures, "OperationTimeout", options.OperationTimeout);
        RequireTimeout(failures, "ConnectTimeout", options.ConnectTimeout);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireTimeout(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > MaxTimeout)
        {
            failures.Add($"{RedisClusteringOptions.SectionName}:{name} must be positive and at most {MaxTimeout} (was {value}).");
        }
    }
}
