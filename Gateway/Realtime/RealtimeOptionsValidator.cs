using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.Realtime;

/// <summary>Checks <see cref="RealtimeOptions"/> and reports every problem at once.</summary>
public sealed class RealtimeOptionsValidator : IValidateOptions<RealtimeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RealtimeOptions options)
    {
        List<string> failures = [];
        Positive(failures, nameof(options.PingInterval), options.PingInterval);
        Positive(failures, nameof(options.ClientTimeout), options.ClientTimeout);
        Positive(failures, nameof(options.PushPollWait), options.PushPollWait);
        Positive(failures, nameof(options.CloseTimeout), options.CloseTimeout);
        if (options.PushPollWait > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{RealtimeOptions.SectionName}:PushPollWait must be at most 5 minutes (is {options.PushPollWait}).");
        }

        if (options.PushSweepInterval < TimeSpan.FromMilliseconds(100) || options.PushSweepInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{RealtimeOptions.SectionName}:PushSweepInterval must be 100 milliseconds to 1 hour (is {options.PushSweepInterval}).");
        }

        Range(failures, nameof(options.MaxMessageBytes), options.MaxMessageBytes, 256, 1024 * 1024);
        Range(failures, nameof(options.OutboundQueueCapacity), options.OutboundQueueCapacity, 1, 100_000);
        Range(failures, nameof(options.PlayerMessagesPerSecond), options.PlayerMessagesPerSecond, 1, 1_000_000);
        Range(failures, nameof(options.PlayerMessageBurst), options.PlayerMessageBurst, 1, 1_000_000);
        Range(failures, nameof(options.IpMessagesPerSecond), options.IpMessagesPerSecond, 1, 1_000_000);
        Range(failures, nameof(options.IpMessageBurst), options.IpMessageBurst, 1, 1_000_000);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{RealtimeOptions.SectionName}:{name} must be positive (is {value}).");
        }
    }

    private static void Range(List<string> failures, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{RealtimeOptions.SectionName}:{name} must be {min} to {max} (is {value}).");
        }
    }
}
