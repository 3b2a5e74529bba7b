using System.Globalization;
using System.Security.Cryptography;

namespace GameCluster.Grains.Accounts;

/// <summary>
/// PBKDF2-HMAC-SHA256 password hashes with a random per-account salt, stored as
/// <c>pbkdf2-sha256${iterations}${salt}${hash}</c> (base64), compared in constant time.
/// </summary>
public static class PasswordHasher
{
    /// <summary>PBKDF2 iterations of new hashes.</summary>
    public const int Iterations = 100_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int MaxIterations = 10_000_000;

    /// <summary>Hashes a password with a new random salt.</summary>
    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="storedHash"/>. A missing or malformed hash costs
    /// the same work as a real one and never matches, so unknown accounts cannot be told apart by timing.
    /// </summary>
    public static bool Verify(string password, string? storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(storedHash, out var iterations, out var salt, out var expected))
        {
            Rfc2898DeriveBytes.Pbkdf2(password, new byte[SaltBytes], Iterations, HashAlgorithmName.SHA256, HashBytes);
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParse(string? storedHash, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = storedHash?.Split('$');
        if (parts is not [Scheme, var iterationText, var saltText, var hashText]
            || !int.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < 1 or > MaxIterations)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(saltText);
            hash = Convert.FromBase64String(hashText);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= SaltBytes && hash.Length == HashBytes;
    }
}
