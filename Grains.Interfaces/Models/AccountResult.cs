namespace GameCluster.Grains;

/// <summary>The answer of an account grain.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="PlayerId">The account's player id; empty unless <see cref="AccountOutcome.Succeeded"/>.</param>
/// <param name="Roles">The account's roles (<c>player</c> at least); empty unless <see cref="AccountOutcome.Succeeded"/>.</param>
[GenerateSerializer]
[Immutable]
public sealed record AccountResult(
    [property: Id(0)] AccountOutcome Outcome,
    [property: Id(1)] string PlayerId,
    [property: Id(2)] IReadOnlyList<string> Roles)
{
    /// <summary>A failed result without player.</summary>
    public static AccountResult Failed(AccountOutcome outcome) => new(outcome, string.Empty, []);
}
