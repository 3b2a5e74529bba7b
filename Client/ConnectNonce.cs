namespace GameCluster.Client;

/// <summary>A single-use connect nonce for the realtime socket.</summary>
/// <param name="Nonce">The nonce; redeemable once, on any gateway of the cluster.</param>
/// <param name="ExpiresAt">When it expires (gateway clock).</param>
public sealed record ConnectNonce(string Nonce, DateTimeOffset ExpiresAt);
