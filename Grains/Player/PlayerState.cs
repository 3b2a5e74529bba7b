namespace GameCluster.Grains.Player;

/// <summary>The stored state of a player.</summary>
public sealed class PlayerState
{
    /// <summary>The display name; empty until set.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The counter.</summary>
    public long Counter { get; set; }

    /// <summary>When the state last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
