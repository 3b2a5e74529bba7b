namespace GameCluster.Gateway.Auth;

/// <summary>Claim types and authorization policy names of the gateway.</summary>
public static class GatewayClaims
{
    /// <summary>The player id (JWT <c>sub</c>).</summary>
    public const string PlayerId = "sub";

    /// <summary>A role (<c>player</c>, <c>operator</c>, or a device role such as <c>kiosk</c>).</summary>
    public const string Role = "role";

    /// <summary>Policy: a player (the <c>player</c> role and a subject); service accounts are refused.</summary>
    public const string PlayerPolicy = "player";

    /// <summary>
    /// Policy: a player or an operator, for reads that a player may make of their own data and an operator of anyone's;
    /// other service accounts (device roles such as <c>kiosk</c>) are refused.
    /// </summary>
    public const string PlayerOrOperatorPolicy = "player-or-operator";

    /// <summary>Policy: a caller with the <c>operator</c> role.</summary>
    public const string OperatorPolicy = "operator";

    /// <summary>The operator role.</summary>
    public const string OperatorRole = "operator";

    /// <summary>The player role.</summary>
    public const string PlayerRole = "player";
}
