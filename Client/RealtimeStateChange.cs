namespace GameCluster.Client;

/// <summary>A <see cref="RealtimeConnection"/> moved from one state to another.</summary>
/// <param name="Previous">The state before.</param>
/// <param name="Current">The state now.</param>
/// <param name="Gateway">The gateway the connection uses (or last used).</param>
/// <param name="Error">Why, when the change was caused by a failure (a drop, a replacement, giving up).</param>
public sealed record RealtimeStateChange(RealtimeConnectionState Previous, RealtimeConnectionState Current, Uri Gateway, Exception? Error);
