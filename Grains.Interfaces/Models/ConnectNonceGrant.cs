namespace GameCluster.Grains;

/// <summary>Who a connect nonce was issued to.</summary>
/// <param name="PlayerId">The subject (JWT <c>sub</c>).</param>
/// <param name="Roles">The subject's roles.</param>
[GenerateSerializer]
[Immutable]
public sealed record ConnectNonceGrant(
    [property: Id(0)] string PlayerId,
    [property: Id(1)] IReadOnlyList<string> Roles);
