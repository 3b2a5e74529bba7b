using System.Collections.Immutable;
using System.Diagnostics;
using GameCluster.Invocation;
using GameCluster.Serialization;

namespace GameCluster.Messaging;

/// <summary>Writes frames: one object whose fields are listed in <see cref="MessageField"/>.</summary>
internal static class MessageSerializer
{
    private static readonly ValueWriter<GrainId> GrainIdWriter = static (ref Writer writer, uint id, GrainId value, SerializerSession _) =>
        BuiltInCodecs.WriteField(ref writer, id, value);

    private static readonly ValueWriter<string> StringWriter = static (ref Writer writer, uint id, string value, SerializerSession _) =>
        BuiltInCodecs.WriteField(ref writer, id, value);

    /// <summary>Writes one frame; <paramref name="nowTimestamp"/> is a recent clock reading, for the remaining time of requests.</summary>
    public static void Write(ref Writer writer, in OutboundMessage message, SerializerSession session, long nowTimestamp)
    {
        BuiltInCodecs.WriteField(ref writer, MessageField.Kind, (int)message.Kind);
        BuiltInCodecs.WriteField(ref writer, MessageField.CorrelationId, message.CorrelationId);
        switch (message.Kind)
        {
            case MessageKind.Request:
            case MessageKind.OneWayRequest:
                WriteRequest(ref writer, message.Request!, session, nowTimestamp);
                break;
            case MessageKind.Response:
                writer.WriteStartObject(MessageField.Body);
                message.Request!.WriteResultBody(ref writer, session);
                writer.WriteEndObject();
                break;
            case MessageKind.Error:
                var error = message.Error!;
                BuiltInCodecs.WriteField(ref writer, MessageField.ExceptionType, ExceptionCodec.TypeName(error));
                BuiltInCodecs.WriteField(ref writer, MessageField.ExceptionMessage, error.Message);
                BuiltInCodecs.WriteField(ref writer, MessageField.ExceptionDetail, error.ToString());
                if (message.Silo is { } hint)
                {
                    BuiltInCodecs.WriteField(ref writer, MessageField.Silo, hint.ToString());
                }

                break;
            case MessageKind.Pong:
                BuiltInCodecs.WriteField(ref writer, MessageField.ActivationCount, message.ActivationCount);
                break;
            case MessageKind.Handshake:
                if (message.Silo is { } silo)
                {
                    BuiltInCodecs.WriteField(ref writer, MessageField.Silo, silo.ToString());
                }

                if (message.ClientId is { } clientId)
                {
                    BuiltInCodecs.WriteField(ref writer, MessageField.ClientId, clientId);
                }

                if (message.TargetSilo is { } targetSilo)
                {
                    BuiltInCodecs.WriteField(ref writer, MessageField.TargetSilo, targetSilo.ToString());
                }

                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteRequest(ref Writer writer, RequestBase request, SerializerSession session, long nowTimestamp)
    {
        BuiltInCodecs.WriteField(ref writer, MessageField.Target, request.TargetId);
        if (!request.SourceId.IsDefault)
        {
            BuiltInCodecs.WriteField(ref writer, MessageField.Source, request.SourceId);
        }

        BuiltInCodecs.WriteField(ref writer, MessageField.MethodId, request.Metadata.MethodId);
        var remaining = Stopwatch.GetElapsedTime(nowTimestamp, request.DeadlineTimestamp);
        BuiltInCodecs.WriteField(ref writer, MessageField.TimeoutMilliseconds, Math.Max(1L, (long)remaining.TotalMilliseconds));
        if (request.CallChain is { } chain)
        {
            // The innermost caller is almost always the source itself: say so instead of writing its id twice.
            if (!request.SourceId.IsDefault && chain.GrainId == request.SourceId)
            {
                BuiltInCodecs.WriteField(ref writer, MessageField.CallChainStartsWithSource, true);
                chain = chain.Next;
            }

            if (chain is not null)
            {
                var ids = new List<GrainId>();
                for (var link = chain; link is not null; link = link.Next)
                {
                    ids.Add(link.GrainId);
                }

                CollectionCodecs.WriteList(ref writer, MessageField.CallChain, ids, session, GrainIdWriter);
            }
        }

        if (request.ContextValues is { Count: > 0 } context)
        {
            CollectionCodecs.WriteDictionary(ref writer, MessageField.Context, context, session, StringWriter, StringWriter);
        }

        if (request.ParentActivity.TraceId != default)
        {
            var parent = request.ParentActivity;
            BuiltInCodecs.WriteField(ref writer, MessageField.TraceParent, $"00-{parent.TraceId}-{parent.SpanId}-{(parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}");
        }

        writer.WriteStartObject(MessageField.Body);
        request.WriteArguments(ref writer, session);
    }

    /// <summary>Rebuilds the call chain link list from its wire order (innermost caller first), after <paramref name="first"/> when given.</summary>
    public static CallChainLink? ToCallChain(GrainId? first, List<GrainId>? ids)
    {
        CallChainLink? chain = null;
        for (var i = (ids?.Count ?? 0) - 1; i >= 0; i--)
        {
            chain = new CallChainLink(ids![i], chain);
        }

        return first is { } head ? new CallChainLink(head, chain) : chain;
    }

    public static ImmutableDictionary<string, string>? ToContext(Dictionary<string, string>? values) =>
        values is null || values.Count == 0 ? null : values.ToImmutableDictionary(StringComparer.Ordinal);
}
