namespace GameCluster.Client.Json;

/// <summary>The members of a problem+json answer the client reads.</summary>
internal sealed record ProblemBody(string? Code, string? Title, string? Detail);
