using GameCluster.Grains;

namespace GameCluster.Gateway.Auth;

/// <summary>The result of presenting a refresh token.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Tokens">The new tokens when <see cref="RefreshTokenOutcome.Rotated"/>.</param>
public readonly record struct RefreshAttempt(RefreshTokenOutcome Outcome, AuthTokensResponse? Tokens);
