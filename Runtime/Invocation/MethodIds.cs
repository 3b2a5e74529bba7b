namespace GameCluster.Invocation;

/// <summary>
/// Method ids: the 32-bit FNV-1a hash of a method key, the same in every process and version. Requests carry the id
/// instead of the key; the manifest refuses to start when two keys it holds share an id.
/// </summary>
public static class MethodIds
{
    /// <summary>The id of <paramref name="methodKey"/>.</summary>
    public static uint Of(string methodKey)
    {
        ArgumentNullException.ThrowIfNull(methodKey);
        var hash = 2166136261u;
        foreach (var c in methodKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
