namespace GameCluster.Grains;

/// <summary>What became of a refresh token presented for rotation.</summary>
public enum RefreshTokenOutcome
{
    /// <summary>The token was used and the next one created.</summary>
    Rotated,

    /// <summary>Unknown token or wrong secret.</summary>
    Invalid,

    /// <summary>The token expired.</summary>
    Expired,

    /// <summary>The token's family was revoked (logout or an earlier reuse).</summary>
    Revoked,

    /// <summary>The token had been used already; its family is now revoked.</summary>
    Reused,
}
