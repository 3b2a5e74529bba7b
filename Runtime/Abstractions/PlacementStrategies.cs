namespace GameCluster;

/// <summary>Names of the built-in placement strategies.</summary>
public static class PlacementStrategies
{
    /// <summary>A random active silo.</summary>
    public const string Random = "random";

    /// <summary>The calling silo when active.</summary>
    public const string PreferLocal = "prefer-local";

    /// <summary>A stable hash of the grain id.</summary>
    public const string HashBased = "hash";

    /// <summary>The silo with the fewest activations.</summary>
    public const string LeastActivations = "least-activations";
}
