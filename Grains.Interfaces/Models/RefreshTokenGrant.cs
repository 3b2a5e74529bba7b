namespace GameCluster.Grains;

/// <summary>What a new refresh token grants.</summary>
/// <param name="FamilyId">The family (one per sign-in).</param>
/// <param name="PlayerId">The subject the token is for.</param>
/// <param name="Roles">The subject's roles.</param>
/// <param name="SecretHash">The SHA-256 hash of the token's secret (base64url); the secret itself never reaches a grain.</param>
/// <param name="Lifetime">How long the token is valid from creation.</param>
[GenerateSerializer]
[Immutable]
public sealed record RefreshTokenGrant(
    [property: Id(0)] string FamilyId,
    [property: Id(1)] string PlayerId,
    [property: Id(2)] IReadOnlyList<string> Roles,
    [property: Id(3)] string SecretHash,
    [property: Id(4)] TimeSpan Lifetime);
