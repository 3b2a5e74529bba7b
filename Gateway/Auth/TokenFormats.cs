using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace GameCluster.Gateway.Auth;

/// <summary>
/// Formats of opaque tokens: a refresh token is <c>{token id: 32 hex}.{secret: 32 random bytes, base64url}</c>, of
/// which grains only ever see the SHA-256 of the secret; a connect nonce is 32 random bytes in base64url.
/// </summary>
public static class TokenFormats
{
    private const int IdLength = 32;
    private const int Base64Url256Length = 43;

    /// <summary>A new random id (32 lower-case hex digits).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A new random 256-bit value in base64url.</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256 of a secret, base64url.</summary>
    public static string HashSecret(string secret) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    /// <summary>The refresh token string for an id and secret.</summary>
    public static string FormatRefreshToken(string tokenId, string secret) => tokenId + "." + secret;

    /// <summary>Splits a well-formed refresh token into its id and the hash of its secret.</summary>
    public static bool TryParseRefreshToken(string? token, [NotNullWhen(true)] out string? tokenId, [NotNullWhen(true)] out string? secretHash)
    {
        tokenId = null;
        secretHash = null;
        if (token is not { Length: IdLength + 1 + Base64Url256Length } || token[IdLength] != '.')
        {
            return false;
        }

        var id = token[..IdLength];
        var secret = token[(IdLength + 1)..];
        if (!id.All(char.IsAsciiHexDigitLower) || !IsBase64Url256(secret))
        {
            return false;
        }

        tokenId = id;
        secretHash = HashSecret(secret);
        return true;
    }

    /// <summary>Whether a value has the shape of a connect nonce.</summary>
    public static bool IsWellFormedNonce([NotNullWhen(true)] string? nonce) => IsBase64Url256(nonce);

    private static bool IsBase64Url256([NotNullWhen(true)] string? value) =>
        value is { Length: Base64Url256Length } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
