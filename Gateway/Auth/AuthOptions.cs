namespace GameCluster.Gateway.Auth;

/// <summary>Tokens and service accounts of the gateway (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>The <c>iss</c> of issued access tokens, required on presented ones. Default <c>gamecluster</c>.</summary>
    public string Issuer { get; set; } = "gamecluster";

    /// <summary>The <c>aud</c> of issued access tokens, required on presented ones. Default <c>gamecluster</c>.</summary>
    public string Audience { get; set; } = "gamecluster";

    /// <summary>
    /// The HS256 signing key, base64, at least 32 bytes; the same on every gateway. A secret: never logged. When
    /// empty, a development key is generated once and kept in <c>{Storage:Sqlite:DataDirectory}/gateway-signing.key</c>.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Lifetime of access tokens. Default 15 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of refresh tokens (each rotation issues a new one with this lifetime). Default 7 days.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Lifetime of connect nonces for the realtime socket. Default 30 seconds.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Clock skew tolerated when validating token lifetimes. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Non-player callers (operators, kiosks) that exchange a name and secret for an access token.</summary>
    public List<ServiceAccountOptions> ServiceAccounts { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() =>
        $"Issuer={Issuer}, Audience={Audience}, SigningKey={(string.IsNullOrEmpty(SigningKey) ? "(development)" : "(redacted)")}, " +
        $"AccessTokenLifetime={AccessTokenLifetime}, RefreshTokenLifetime={RefreshTokenLifetime}, NonceLifetime={NonceLifetime}, " +
        $"ServiceAccounts=[{string.Join(", ", ServiceAccounts.Select(a => a.Name))}]";
}
