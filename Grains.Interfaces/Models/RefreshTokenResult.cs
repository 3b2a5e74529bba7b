namespace GameCluster.Grains;

/// <summary>The answer of a refresh token rotation.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="PlayerId">The token's subject; empty unless <see cref="RefreshTokenOutcome.Rotated"/>.</param>
/// <param name="Roles">The subject's roles; empty unless rotated.</param>
/// <param name="NextExpiresAt">When the next token expires; <see cref="DateTimeOffset.MinValue"/> unless rotated.</param>
[GenerateSerializer]
[Immutable]
public sealed record RefreshTokenResult(
    [property: Id(0)] RefreshTokenOutcome Outcome,
    [property: Id(1)] string PlayerId,
    [property: Id(2)] IReadOnlyList<string> Roles,
    [property: Id(3)] DateTimeOffset NextExpiresAt)
{
    /// <summary>A failed rotation.</summary>
    public static RefreshTokenResult Failed(RefreshTokenOutcome outcome) => new(outcome, string.Empty, [], DateTimeOffset.MinValue);
}
