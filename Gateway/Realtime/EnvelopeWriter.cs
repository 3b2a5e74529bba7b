using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GameCluster.Grains;

namespace GameCluster.Gateway.Realtime;

/// <summary>Writes the server's envelopes as UTF-8 JSON text frames.</summary>
public static class EnvelopeWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    /// <summary><c>{"cid":..,"type":"result","payload":..}</c>.</summary>
    public static byte[] Result<T>(string cid, T payload, JsonTypeInfo<T> typeInfo) => Write((cid, payload, typeInfo), static (writer, state) =>
    {
        writer.WriteString("cid", state.cid);
        writer.WriteString("type", RealtimeMessageTypes.Result);
        writer.WritePropertyName("payload");
        JsonSerializer.Serialize(writer, state.payload, state.typeInfo);
    });

    /// <summary><c>{"cid":..,"type":"error","payload":{"code":..,"message":..[,"retry_after_ms":..]}}</c>.</summary>
    public static byte[] Error(string? cid, string code, string message, long? retryAfterMs = null) => Write((cid, code, message, retryAfterMs), static (writer, state) =>
    {
        if (state.cid is null)
        {
            writer.WriteNull("cid");
        }
        else
        {
            writer.WriteString("cid", state.cid);
        }

        writer.WriteString("type", RealtimeMessageTypes.Error);
        writer.WriteStartObject("payload");
        writer.WriteString("code", state.code);
        writer.WriteString("message", state.message);
        if (state.retryAfterMs is { } retryAfter)
        {
            writer.WriteNumber("retry_after_ms", retryAfter);
        }

        writer.WriteEndObject();
    });

    /// <summary><c>{"type":"push","seq":N,"payload":{"event":..,"data":..,"at":..}}</c>.</summary>
    public static byte[] Push(PushMessage message) => Write(message, static (writer, message) =>
    {
        writer.WriteString("type", RealtimeMessageTypes.Push);
        writer.WriteNumber("seq", message.Seq);
        writer.WriteStartObject("payload");
        writer.WriteString("event", message.Event);
        writer.WritePropertyName("data");
        writer.WriteRawValue(message.DataJson);
        writer.WriteString("at", message.At);
        writer.WriteEndObject();
    });

    /// <summary><c>{"type":"welcome","payload":{"session_id":..,"player_id":..,"latest_seq":N}}</c>.</summary>
    public static byte[] Welcome(string sessionId, string playerId, long latestSeq) => Write((sessionId, playerId, latestSeq), static (writer, state) =>
    {
        writer.WriteString("type", RealtimeMessageTypes.Welcome);
        writer.WriteStartObject("payload");
        writer.WriteString("session_id", state.sessionId);
        writer.WriteString("player_id", state.playerId);
        writer.WriteNumber("latest_seq", state.latestSeq);
        writer.WriteEndObject();
    });

    /// <summary><c>{"type":"resync_required","payload":{"code":"resync_required","last_seq":N,"latest_seq":M}}</c>.</summary>
    public static byte[] ResyncRequired(long lastSeq, long latestSeq) => Write((lastSeq, latestSeq), static (writer, state) =>
    {
        writer.WriteString("type", RealtimeMessageTypes.ResyncRequired);
        writer.WriteStartObject("payload");
        writer.WriteString("code", Http.ErrorCodes.ResyncRequired);
        writer.WriteNumber("last_seq", state.lastSeq);
        writer.WriteNumber("latest_seq", state.latestSeq);
        writer.WriteEndObject();
    });

    /// <summary><c>{"type":..,"payload":{"reason":..}}</c>: <c>reconnect</c> or <c>session_replaced</c>.</summary>
    public static byte[] Notice(string type, string reason) => Write((type, reason), static (writer, state) =>
    {
        writer.WriteString("type", state.type);
        writer.WriteStartObject("payload");
        writer.WriteString("reason", state.reason);
        writer.WriteEndObject();
    });

    private static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer, state);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
