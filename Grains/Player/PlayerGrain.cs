namespace GameCluster.Grains.Player;

/// <summary>A player's profile and counter, persisted on every change.</summary>
public sealed class PlayerGrain(
    [PersistentState("profile")] IPersistentState<PlayerState> profile,
    TimeProvider timeProvider) : Grain, IPlayerGrain
{
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
        return ToProfile();
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

    private PlayerProfile ToProfile() =>
        new(this.GetPrimaryKeyString(), profile.State.DisplayName, profile.State.Counter, profile.State.UpdatedAt);
}
