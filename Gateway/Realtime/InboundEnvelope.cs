using System.Text.Json;

namespace GameCluster.Gateway.Realtime;

/// <summary>
/// A client message read from its JSON: the envelope members, or why it is not a usable envelope. The payload is
/// only valid while the parsed document is alive.
/// </summary>
/// <param name="Cid">The correlation id, echoed by the reply; <see langword="null"/> when missing or not a string.</param>
/// <param name="Type">The message type.</param>
/// <param name="Payload">The payload object (<see cref="JsonValueKind.Undefined"/> when absent or null).</param>
/// <param name="ProblemCode">Set when the envelope is unusable: the error code to answer with.</param>
/// <param name="Problem">What is wrong with the envelope.</param>
public readonly record struct InboundEnvelope(string? Cid, string? Type, JsonElement Payload, string? ProblemCode, string? Problem)
{
    /// <summary>The longest correlation id.</summary>
    public const int MaxCidLength = 64;

    /// <summary>The longest message type.</summary>
    public const int MaxTypeLength = 64;

    /// <summary>Reads the envelope members of <paramref name="root"/>.</summary>
    public static InboundEnvelope From(JsonElement root)
    {
        try
        {
            return Read(root);
        }
        catch (InvalidOperationException)
        {
            // A string member with an escaped lone surrogate cannot be read as UTF-16.
            return Invalid(null, Http.ErrorCodes.ProtocolError, "Envelope strings must be valid Unicode.");
        }
    }

    private static InboundEnvelope Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(null, Http.ErrorCodes.ProtocolError, "A message is a JSON object {cid, type, payload}.");
        }

        string? cid = null;
        if (root.TryGetProperty("cid", out var cidElement))
        {
            if (cidElement.ValueKind != JsonValueKind.String || cidElement.GetString() is not { Length: > 0 and <= MaxCidLength } value)
            {
                return Invalid(null, Http.ErrorCodes.ProtocolError, $"'cid' must be a string of 1 to {MaxCidLength} characters.");
            }

            cid = value;
        }

        if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return Invalid(cid, Http.ErrorCodes.ProtocolError, "'type' is required and must be a string.");
        }

        var type = typeElement.GetString();
        if (type is not { Length: > 0 and <= MaxTypeLength })
        {
            return Invalid(cid, Http.ErrorCodes.ProtocolError, $"'type' must have 1 to {MaxTypeLength} characters.");
        }

        if (cid is null)
        {
            return Invalid(null, Http.ErrorCodes.ProtocolError, "'cid' is required on requests.");
        }

        var payload = default(JsonElement);
        if (root.TryGetProperty("payload", out var payloadElement) && payloadElement.ValueKind != JsonValueKind.Null)
        {
            if (payloadElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid(cid, Http.ErrorCodes.ProtocolError, "'payload' must be a JSON object.");
            }

            payload = payloadElement;
        }

        return new InboundEnvelope(cid, type, payload, null, null);
    }

    private static InboundEnvelope Invalid(string? cid, string code, string problem) => new(cid, null, default, code, problem);
}
