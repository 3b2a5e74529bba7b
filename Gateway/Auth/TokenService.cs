using System.Security.Claims;
using GameCluster.Grains;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GameCluster.Gateway.Auth;

/// <summary>
/// Issues JWT access tokens (HS256: <c>sub</c>, <c>role</c>, <c>jti</c>, <c>iat</c>, <c>exp</c>), and refresh tokens and
/// connect nonces through their grains. Token values are never logged.
/// </summary>
public sealed partial class TokenService(
    IGrainFactory grains,
    SigningKeyProvider signingKeys,
    IOptions<AuthOptions> options,
    TimeProvider timeProvider,
    ILogger<TokenService> logger)
{
    private readonly AuthOptions _options = options.Value;
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Creates a signed access token for <paramref name="subject"/> with <paramref name="roles"/>.</summary>
    public AccessToken CreateAccessToken(string subject, IReadOnlyList<string> roles)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(roles);
        var now = timeProvider.GetUtcNow();
        var expiresAt = now + _options.AccessTokenLifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKeys.Key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = subject,
                [JwtRegisteredClaimNames.Jti] = TokenFormats.NewId(),
                [GatewayClaims.Role] = roles.ToArray(),
            },
        };
        return new AccessToken(_handler.CreateToken(descriptor), expiresAt);
    }

    /// <summary>Signs a player in: an access token and the first refresh token of a new family.</summary>
    public async Task<AuthTokensResponse> IssueAsync(string playerId, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var tokenId = TokenFormats.NewId();
        var secret = TokenFormats.NewSecret();
        var grant = new RefreshTokenGrant(TokenFormats.NewId(), playerId, roles, TokenFormats.HashSecret(secret), _options.RefreshTokenLifetime);
        var refreshExpiresAt = await grains.GetGrain<IRefreshTokenGrain>(tokenId).CreateAsync(grant).WaitAsync(cancellationToken);
        var access = CreateAccessToken(playerId, roles);
        return new AuthTokensResponse(playerId, access.Token, access.ExpiresAt, TokenFormats.FormatRefreshToken(tokenId, secret), refreshExpiresAt);
    }

    /// <summary>Rotates a refresh token: on success new tokens in the same family; a reused token revokes the family.</summary>
    public async Task<RefreshAttempt> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (!TokenFormats.TryParseRefreshToken(refreshToken, out var tokenId, out var secretHash))
        {
            return new RefreshAttempt(RefreshTokenOutcome.Invalid, null);
        }

        var nextId = TokenFormats.NewId();
        var nextSecret = TokenFormats.NewSecret();
        var result = await grains.GetGrain<IRefreshTokenGrain>(tokenId)
            .RotateAsync(secretHash, nextId, TokenFormats.HashSecret(nextSecret), _options.RefreshTokenLifetime)
            .WaitAsync(cancellationToken);
        if (result.Outcome != RefreshTokenOutcome.Rotated)
        {
            if (result.Outcome == RefreshTokenOutcome.Reused)
            {
                LogRefreshTokenReused(logger);
            }
            else
            {
                LogRefreshTokenRejected(logger, result.Outcome);
            }

            return new RefreshAttempt(result.Outcome, null);
        }

        var access = CreateAccessToken(result.PlayerId, result.Roles);
        return new RefreshAttempt(
            RefreshTokenOutcome.Rotated,
            new AuthTokensResponse(result.PlayerId, access.Token, access.ExpiresAt, TokenFormats.FormatRefreshToken(nextId, nextSecret), result.NextExpiresAt));
    }

    /// <summary>Revokes the family of a refresh token (logout); <see langword="false"/> when the token is unknown.</summary>
    public async Task<bool> RevokeAsync(string? refreshToken, CancellationToken cancellationToken) =>
        TokenFormats.TryParseRefreshToken(refreshToken, out var tokenId, out var secretHash)
        && await grains.GetGrain<IRefreshTokenGrain>(tokenId).RevokeAsync(secretHash).WaitAsync(cancellationToken);

    /// <summary>Issues a single-use connect nonce for the authenticated <paramref name="user"/>.</summary>
    public async Task<ConnectNonceResponse> IssueNonceAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var subject = user.FindFirstValue(GatewayClaims.PlayerId) ?? throw new InvalidOperationException("The principal has no subject.");
        var roles = user.FindAll(GatewayClaims.Role).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToArray();
        var nonce = TokenFormats.NewSecret();
        var expiresAt = await grains.GetGrain<IConnectNonceGrain>(nonce)
            .IssueAsync(new ConnectNonceGrant(subject, roles), _options.NonceLifetime)
            .WaitAsync(cancellationToken);
        return new ConnectNonceResponse(nonce, expiresAt);
    }
}
