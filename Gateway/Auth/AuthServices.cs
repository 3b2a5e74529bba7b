namespace GameCluster.Gateway.Auth;

/// <summary>The dependencies of the auth endpoints.</summary>
/// <param name="Grains">Grain references.</param>
/// <param name="Tokens">Token issuing.</param>
/// <param name="ServiceAccounts">Service account checks.</param>
/// <param name="Logger">The auth API's logger.</param>
public sealed record AuthServices(
    IGrainFactory Grains,
    TokenService Tokens,
    ServiceAccountAuthenticator ServiceAccounts,
    ILogger<AuthServices> Logger);
