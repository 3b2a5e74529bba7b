namespace GameCluster.Membership;

/// <summary>A silo's status in the membership table.</summary>
public enum MembershipStatus
{
    /// <summary>Starting; not yet serving grains.</summary>
    Joining,

    /// <summary>Serving grains.</summary>
    Active,

    /// <summary>Draining before it stops; takes no new activations.</summary>
    ShuttingDown,

    /// <summary>Gone (stopped, or declared dead by its peers). A silo that reads itself as dead stops at once.</summary>
    Dead,
}
