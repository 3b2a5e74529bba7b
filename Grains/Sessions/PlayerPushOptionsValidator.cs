using Microsoft.Extensions.Options;

namespace GameCluster.Grains.Sessions;

/// <summary>Checks <see cref="PlayerPushOptions"/> and reports every problem at once.</summary>
public sealed class PlayerPushOptionsValidator : IValidateOptions<PlayerPushOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PlayerPushOptions options)
    {
        List<string> failures = [];
        if (options.ReplayBufferSize is < 1 or > 10_000)
        {
            failures.Add($"{PlayerPushOptions.SectionName}:ReplayBufferSize must be 1 to 10000 (is {options.ReplayBufferSize}).");
        }

        if (options.MaxDataLength is < 16 or > 1024 * 1024)
        {
            failures.Add($"{PlayerPushOptions.SectionName}:MaxDataLength must be 16 to 1048576 (is {options.MaxDataLength}).");
        }

        if (options.MaxPollWait <= TimeSpan.Zero || options.MaxPollWait > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{PlayerPushOptions.SectionName}:MaxPollWait must be positive and at most 5 minutes (is {options.MaxPollWait}).");
        }

        if (options.MaxQueuedNotices is < 1 or > 10_000_000)
        {
            failures.Add($"{PlayerPushOptions.SectionName}:MaxQueuedNotices must be 1 to 10000000 (is {options.MaxQueuedNotices}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
