using System.Diagnostics;
using GameCluster.Invocation;
using GameCluster.Membership;
using GameCluster.Metadata;
using GameCluster.Runtime;
using GameCluster.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GameCluster.Messaging;

/// <summary>
/// Decodes incoming frames: requests go to the local handler with the connection to answer on, responses and
/// errors complete the pending request they answer, probes are answered.
/// </summary>
internal sealed partial class MessageCenter(GrainManifest manifest, CallTimeoutTracker pending, IServiceProvider services, ILogger<MessageCenter> logger)
{
    private static readonly ValueReader<GrainId> GrainIdReader = static (ref Reader reader, WireType type, SerializerSession _) =>
        BuiltInCodecs.ReadGrainId(ref reader, type);

    private static readonly ValueReader<string> StringReader = static (ref Reader reader, WireType type, SerializerSession _) =>
        BuiltInCodecs.ReadString(ref reader, type)!;

    private SerializerSession? _session;
    private IIncomingRequestHandler? _handler;
    private IRejectionHandler? _rejections;
    private Runtime.Catalog? _catalog;
    private Placement.SiloStatistics? _statistics;

    public SerializerSession Session => _session ??= new SerializerSession(services.GetRequiredService<IGrainFactory>());

    private IIncomingRequestHandler Handler => _handler ??= services.GetRequiredService<IIncomingRequestHandler>();

    private IRejectionHandler? Rejections => _rejections ??= services.GetService<IRejectionHandler>();

    private Runtime.Catalog? Catalog => _catalog ??= services.GetService<Runtime.Catalog>();

    private Placement.SiloStatistics? Statistics => _statistics ??= services.GetService<Placement.SiloStatistics>();

    /// <summary>Handles one frame; <paramref name="receivedTimestamp"/> is when its bytes were read.</summary>
    public void OnFrame(ReadOnlySpan<byte> frame, Connection connection, long receivedTimestamp)
    {
        var kind = (MessageKind)0;
        long correlationId = 0;
        RequestBase? answered = null;
        try
        {
            Decode(frame, connection, receivedTimestamp, ref kind, ref correlationId, ref answered);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The frame is bad but its boundary is not: answer what can be answered and keep the connection.
            LogBadFrame(logger, exception, (int)kind, connection.Description);
            if (answered is not null)
            {
                answered.Fail(new WireFormatException($"The response from {connection.Description} could not be read: {exception.Message}", exception));
            }
            else if (kind == MessageKind.Request)
            {
                connection.Send(new OutboundMessage(MessageKind.Error, Error: new WireFormatException($"The request could not be read: {exception.Message}", exception), CorrelationId: correlationId));
            }
            else if (kind == MessageKind.Error && pending.TryTake(correlationId, out var failed))
            {
                failed.Fail(new RemoteGrainException("unknown", "The remote error could not be read.", exception.ToString()));
            }
        }
    }

    private void Decode(ReadOnlySpan<byte> frame, Connection connection, long receivedTimestamp, ref MessageKind kind, ref long correlationId, ref RequestBase? answered)
    {
        var reader = new Reader(frame);
        GrainId target = default;
        GrainId source = default;
        string? methodKey = null;
        uint? methodId = null;
        long timeoutMilliseconds = 0;
        List<GrainId>? chain = null;
        var chainStartsWithSource = false;
        Dictionary<string, string>? context = null;
        string? traceParent = null;
        RequestBase? request = null;
        string? exceptionType = null;
        string? exceptionMessage = null;
        string? exceptionDetail = null;
        string? siloText = null;
        string? clientId = null;
        string? targetSilo = null;
        var activationCount = 0;
        while (true)
        {
            var type = reader.ReadTag(out var id);
            if (type == WireType.EndObject)
            {
                break;
            }

            switch (id)
            {
                case MessageField.Kind: kind = (MessageKind)BuiltInCodecs.ReadInt32(ref reader, type); break;
                case MessageField.CorrelationId: correlationId = BuiltInCodecs.ReadInt64(ref reader, type); break;
                case MessageField.Target: target = BuiltInCodecs.ReadGrainId(ref reader, type, manifest); break;
                case MessageField.Source: source = BuiltInCodecs.ReadGrainId(ref reader, type, manifest); break;
                case MessageField.MethodKey: methodKey = BuiltInCodecs.ReadString(ref reader, type); break;
                case MessageField.MethodId: methodId = BuiltInCodecs.ReadUInt32(ref reader, type); break;
                case MessageField.CallChainStartsWithSource: chainStartsWithSource = BuiltInCodecs.ReadBoolean(ref reader, type); break;
                case MessageField.TimeoutMilliseconds: timeoutMilliseconds = BuiltInCodecs.ReadInt64(ref reader, type); break;
                case MessageField.CallChain: chain = CollectionCodecs.ReadList(ref reader, type, Session, GrainIdReader); break;
                case MessageField.Context: context = CollectionCodecs.ReadDictionary(ref reader, type, Session, StringReader, StringReader); break;
                case MessageField.TraceParent: traceParent = BuiltInCodecs.ReadString(ref reader, type); break;
                case MessageField.ExceptionType: exceptionType = BuiltInCodecs.ReadString(ref reader, type); break;
                case MessageField.ExceptionMessage: exceptionMessage = BuiltInCodecs.ReadString(ref reader, type); break;
                case MessageField.ExceptionDetail: exceptionDetail = BuiltInCodecs.ReadString(ref reader, type); break;
                case MessageField.Silo: siloText = BuiltInCodecs.ReadString(ref reader, type); break;
                case MessageField.ClientId: clientId = BuiltInCodecs.ReadString(ref reader, type); break;
                case MessageField.TargetSilo: targetSilo = BuiltInCodecs.ReadString(ref reader, type); break;
                case MessageField.ActivationCount: activationCount = BuiltInCodecs.ReadInt32(ref reader, type); break;
                case MessageField.Body when kind is MessageKind.Request or MessageKind.OneWayRequest:
                    Reader.Expect(type, WireType.StartObject);
                    request = methodId is { } known ? manifest.CreateRequest(known) : methodKey is null ? null : manifest.CreateRequest(methodKey);
                    if (request is null)
                    {
                        reader.SkipField(type);
                    }
                    else
                    {
                        request.ReadArguments(ref reader, Session);
                    }

                    break;
                case MessageField.Body when kind == MessageKind.Response:
                    Reader.Expect(type, WireType.StartObject);
                    if (pending.TryTake(correlationId, out var taken))
                    {
                        answered = taken;
                        taken.ReadResultAndComplete(ref reader, Session);
                        if (reader.ReadTag(out _) != WireType.EndObject)
                        {
                            throw new WireFormatException("A response body holds more than its result.");
                        }
                    }
                    else
                    {
                        reader.SkipField(type);
                    }

                    break;
                default:
                    reader.SkipField(type);
                    break;
            }
        }

        switch (kind)
        {
            case MessageKind.Request:
            case MessageKind.OneWayRequest:
                if (chainStartsWithSource && source.IsDefault)
                {
                    throw new WireFormatException("A call chain that starts with the source needs a source.");
                }

                var callChain = MessageSerializer.ToCallChain(chainStartsWithSource ? source : null, chain);
                OnRequest(connection, kind, correlationId, request, methodKey, methodId, receivedTimestamp, target, source, timeoutMilliseconds, callChain, context, traceParent);
                break;
            case MessageKind.Error:
                OnError(connection, correlationId, exceptionType, exceptionMessage, exceptionDetail, siloText);
                break;
            case MessageKind.Ping:
                connection.Send(new OutboundMessage(MessageKind.Pong, CorrelationId: correlationId, ActivationCount: Catalog?.Count ?? 0));
                break;
            case MessageKind.Pong:
                if (connection.RemoteSilo is { } silo && Statistics is { } statistics)
                {
                    statistics.Record(silo, activationCount);
                }

                connection.Owner.CompletePing(correlationId);
                break;
            case MessageKind.Handshake:
                connection.OnHandshake(siloText is null ? null : SiloAddress.Parse(siloText), clientId, targetSilo is null ? null : SiloAddress.Parse(targetSilo));
                break;
            case MessageKind.Response:
                break;
            default:
                LogUnknownKind(logger, (int)kind, connection.Description);
                break;
        }
    }

    /// <summary>A request queued on a connection that closed before sending it: route it again, or fail it.</summary>
    public void OnUnsent(RequestBase request, SiloAddress? silo, Exception error)
    {
        if (request.TimeoutTracker is { } tracker && !pending.TryTake(request.CorrelationId, out _))
        {
            return;
        }

        if (silo is not null && Rejections is { } rejections)
        {
            rejections.OnRejected(request, silo, null, error, explicitRejection: false);
            return;
        }

        request.Fail(error);
    }

    private void OnRequest(
        Connection connection,
        MessageKind kind,
        long correlationId,
        RequestBase? request,
        string? methodKey,
        uint? methodId,
        long receivedTimestamp,
        GrainId target,
        GrainId source,
        long timeoutMilliseconds,
        CallChainLink? chain,
        Dictionary<string, string>? context,
        string? traceParent)
    {
        if (request is null)
        {
            var method = methodKey ?? (methodId is { } id ? $"with id {id:x8}" : "(none)");
            LogUnknownMethod(logger, method, connection.Description);
            if (kind == MessageKind.Request)
            {
                connection.Send(new OutboundMessage(MessageKind.Error, Error: new NotSupportedException(
                    $"This process does not know grain method {method} (called on {target}). Deploy the same grain interfaces everywhere."), CorrelationId: correlationId));
            }

            return;
        }

        request.TargetId = target;
        request.SourceId = source;
        request.CorrelationId = correlationId;
        request.StartTimestamp = receivedTimestamp;
        request.DeadlineTimestamp = receivedTimestamp + (long)(timeoutMilliseconds / 1000.0 * Stopwatch.Frequency);
        request.CallChain = chain;
        request.ContextValues = MessageSerializer.ToContext(context);
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent))
        {
            request.ParentActivity = parent;
        }

        request.ResponseConnection = connection;
        Handler.Handle(request);
    }

    private void OnError(Connection connection, long correlationId, string? exceptionType, string? message, string? detail, string? hint)
    {
        if (!pending.TryTake(correlationId, out var request))
        {
            return;
        }

        Exception error;
        try
        {
            error = ExceptionCodec.Create(exceptionType, message, detail);
        }
        catch (Exception creation)
        {
            error = new RemoteGrainException(exceptionType ?? "unknown", message ?? "A remote grain call failed.", detail ?? creation.Message);
        }

        if (error is SiloUnavailableException && connection.RemoteSilo is { } rejectedBy && Rejections is { } rejections)
        {
            rejections.OnRejected(request, rejectedBy, hint is null ? null : SiloAddress.Parse(hint), error, explicitRejection: true);
            return;
        }

        request.Fail(error);
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "A frame of kind {Kind} from {Connection} could not be read; answered with an error")]
    private static partial void LogBadFrame(ILogger logger, Exception exception, int kind, string connection);

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Received a frame of unknown kind {Kind} from {Connection}; ignored")]
    private static partial void LogUnknownKind(ILogger logger, int kind, string connection);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Received a call of unknown method {Method} from {Connection}")]
    private static partial void LogUnknownMethod(ILogger logger, string method, string connection);
}
