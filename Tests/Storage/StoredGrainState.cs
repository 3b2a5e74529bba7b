using System.Text.Json;

namespace GameCluster.Tests.Storage;

/// <summary>A row of the <c>grain_state</c> table as read with plain ADO.NET.</summary>
/// <param name="Payload">The JSON text, or <see langword="null"/> after a clear.</param>
/// <param name="Version">The stored version.</param>
public sealed record StoredGrainState(string? Payload, long Version)
{
    /// <summary>Parses the payload with System.Text.Json (fails the test if it is not JSON).</summary>
    public JsonDocument ParsePayload() =>
        JsonDocument.Parse(Payload ?? throw new InvalidOperationException($"The stored payload is NULL (version {Version})."));
}
