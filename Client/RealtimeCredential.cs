namespace GameCluster.Client;

/// <summary>How the realtime socket authenticates.</summary>
public enum RealtimeCredential
{
    /// <summary>A fresh single-use connect nonce per connection (<c>POST /api/v1/auth/nonce</c>); the token never appears in a URL.</summary>
    Nonce,

    /// <summary>The access token as the <c>access_token</c> query parameter: one HTTP round trip less per connection.</summary>
    AccessToken,
}
