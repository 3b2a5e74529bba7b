namespace GameCluster.Gateway.Auth;

/// <summary>A service account (configuration <c>Auth:ServiceAccounts:n</c>).</summary>
public sealed class ServiceAccountOptions
{
    /// <summary>The account name (3 to 64 characters: letters, digits, '_', '.', '-'); the token subject is <c>service:{Name}</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The secret, at least 16 characters; compared in constant time. A secret: keep it in a secret store, never logged.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>The roles its tokens carry, e.g. <c>operator</c> or a device role such as <c>kiosk</c>; never <c>player</c>.</summary>
    public List<string> Roles { get; set; } = [];

    /// <inheritdoc />
    public override string ToString() => $"{Name} (secret redacted) [{string.Join(", ", Roles)}]";
}
