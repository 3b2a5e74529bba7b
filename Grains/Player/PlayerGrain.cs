using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace GameCluster.Grains.Player;

/// <summary>A player's profile and counter, persisted on every change; a changed profile is pushed to the player.</summary>
public sealed partial class PlayerGrain(
    [PersistentState("profile")] IPersistentState<PlayerState> profile,
    TimeProvider timeProvider,
    ILogger<PlayerGrain> logger) : Grain, IPlayerGrain
{
    /// <summary>The push event sent after the profile changed; its data is the new profile.</summary>
    public const string ProfileChangedEvent = "profile_changed";

    /// <summary>The shortest display name.</summary>
    public const int MinDisplayNameLength = 3;

    /// <summary>The longest display name.</summary>
    public const int MaxDisplayNameLength = 24;

    /// <summary>The largest single increment.</summary>
    public const long MaxIncrement = 1_000_000;

    /// <inheritdoc />
    public Task<PlayerProfile> GetProfileAsync() => Task.FromResult(ToProfile());

    /// <inheritdoc />
    public async Task<PlayerProfile> SetDisplayNameAsync(string displayName)
    {
        var name = ValidateDisplayName(displayName);
        profile.State.DisplayName = name;
        profile.State.UpdatedAt = timeProvider.GetUtcNow();
        await profile.WriteStateAsync();
        var changed = ToProfile();
        await PushProfileChangedAsync(changed);
        return changed;
    }

    /// <inheritdoc />
    public async Task<long> IncrementAsync(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, MaxIncrement);
        profile.State.Counter = checked(profile.State.Counter + amount);
        profile.State.UpdatedAt = timeProvider.GetUtcNow();
        await profile.WriteStateAsync();
        return profile.State.Counter;
    }

    private static string ValidateDisplayName(string? displayName)
    {
        var name = displayName?.Trim() ?? string.Empty;
        if (name.Length is < MinDisplayNameLength or > MaxDisplayNameLength)
        {
            throw new ArgumentException($"A display name has {MinDisplayNameLength} to {MaxDisplayNameLength} characters.", nameof(displayName));
        }

        if (name.Any(char.IsControl))
        {
            throw new ArgumentException("A display name cannot contain control characters.", nameof(displayName));
        }

        return name;
    }

    private async Task PushProfileChangedAsync(PlayerProfile changed)
    {
        try
        {
            var data = JsonSerializer.Serialize(changed, PlayerJsonContext.Default.PlayerProfile);
            await GrainFactory.GetGrain<IPlayerPushGrain>(changed.PlayerId).PushAsync(new PushEvent(ProfileChangedEvent, data));
        }
        catch (Exception exception) when (exception is not InconsistentStateException)
        {
            // The profile is stored; a client that missed the push sees the change on its next profile read.
            LogPushFailed(logger, exception, changed.PlayerId, ProfileChangedEvent);
        }
    }

    private PlayerProfile ToProfile() =>
        new(this.GetPrimaryKeyString(), profile.State.DisplayName, profile.State.Counter, profile.State.UpdatedAt);
}
