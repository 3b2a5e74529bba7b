using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.Auth;

/// <summary>Checks a service account's name and secret; every configured account is compared, in constant time.</summary>
public sealed class ServiceAccountAuthenticator(IOptions<AuthOptions> options)
{
    private readonly AuthOptions _options = options.Value;

    /// <summary>The account whose name and secret match, or <see langword="null"/>.</summary>
    public ServiceAccountOptions? Authenticate(string name, string secret)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(secret);
        var presentedName = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var presentedSecret = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        ServiceAccountOptions? match = null;
        foreach (var account in _options.ServiceAccounts)
        {
            var nameMatches = CryptographicOperations.FixedTimeEquals(presentedName, SHA256.HashData(Encoding.UTF8.GetBytes(account.Name)));
            var secretMatches = CryptographicOperations.FixedTimeEquals(presentedSecret, SHA256.HashData(Encoding.UTF8.GetBytes(account.Secret)));
            if (nameMatches & secretMatches)
            {
                match = account;
            }
        }

        return match;
    }

    /// <summary>The token subject of a service account.</summary>
    public static string SubjectOf(ServiceAccountOptions account) => "service:" + (account ?? throw new ArgumentNullException(nameof(account))).Name;
}
