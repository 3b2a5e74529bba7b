namespace GameCluster.Gateway.Auth;

/// <summary>A single-use connect nonce for the realtime socket.</summary>
/// <param name="Nonce">The nonce; redeemable once, on any gateway.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record ConnectNonceResponse(string Nonce, DateTimeOffset ExpiresAt);
