namespace GameCluster.Gateway.Realtime.Upgrade;

/// <summary>What <see cref="UpgradeRequestParser"/> made of the bytes so far.</summary>
public enum UpgradeParseStatus
{
    /// <summary>Could still be an upgrade of <c>/ws</c>: the request head is not complete yet.</summary>
    NeedMoreData,

    /// <summary>A complete, plain upgrade request of <c>/ws</c>.</summary>
    Upgrade,

    /// <summary>Anything else: the HTTP pipeline handles it.</summary>
    NotHandled,
}
