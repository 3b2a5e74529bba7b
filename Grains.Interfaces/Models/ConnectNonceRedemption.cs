namespace GameCluster.Grains;

/// <summary>The answer of a connect nonce redemption.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Grant">Who the nonce was issued to; <see langword="null"/> unless <see cref="ConnectNonceOutcome.Redeemed"/>.</param>
[GenerateSerializer]
[Immutable]
public sealed record ConnectNonceRedemption(
    [property: Id(0)] ConnectNonceOutcome Outcome,
    [property: Id(1)] ConnectNonceGrant? Grant);
