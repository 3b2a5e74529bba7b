namespace GameCluster.Grains;

/// <summary>What became of a connect nonce redemption.</summary>
public enum ConnectNonceOutcome
{
    /// <summary>Redeemed now, for the first and only time.</summary>
    Redeemed,

    /// <summary>Never issued (or its activation is gone, which fails the same way).</summary>
    Unknown,

    /// <summary>Redeemed before.</summary>
    AlreadyRedeemed,

    /// <summary>Its lifetime passed.</summary>
    Expired,
}
