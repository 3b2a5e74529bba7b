using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GameCluster.Gateway.Http;
using GameCluster.Grains;

namespace GameCluster.Gateway.Realtime;

/// <summary>
/// Maps a request envelope to a grain call and the call's outcome to a reply envelope. The player is always the
/// session's own: a client cannot name another player. Bad input is an <c>invalid_request</c> error, an unreachable
/// cluster is <c>unavailable</c>; nothing here closes the socket.
/// </summary>
public sealed partial class RealtimeDispatcher(IGrainFactory grainFactory, TimeProvider timeProvider, ILogger<RealtimeDispatcher> logger)
{
    /// <summary>Runs <paramref name="envelope"/> for <paramref name="session"/> and returns the reply frame.</summary>
    public async Task<byte[]> DispatchAsync(RealtimeSession session, InboundEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var cid = envelope.Cid!;
        try
        {
            var player = grainFactory.GetGrain<IPlayerGrain>(session.PlayerId);
            switch (envelope.Type)
            {
                case RealtimeMessageTypes.Ping:
                    return EnvelopeWriter.Result(cid, new PongResult(timeProvider.GetUtcNow()), RealtimeJsonContext.Default.PongResult);

                case RealtimeMessageTypes.GetProfile:
                    return EnvelopeWriter.Result(cid, await player.GetProfileAsync().WaitAsync(cancellationToken), RealtimeJsonContext.Default.PlayerProfile);

                case RealtimeMessageTypes.SetDisplayName:
                    {
                        var payload = Read(envelope, RealtimeJsonContext.Default.SetDisplayNamePayload);
                        var name = payload?.DisplayName ?? throw new ArgumentException("'payload.display_name' is required.");
                        var profile = await player.SetDisplayNameAsync(name).WaitAsync(cancellationToken);
                        return EnvelopeWriter.Result(cid, profile, RealtimeJsonContext.Default.PlayerProfile);
                    }

                case RealtimeMessageTypes.Increment:
                    {
                        var payload = Read(envelope, RealtimeJsonContext.Default.IncrementPayload);
                        var amount = payload?.Amount ?? throw new ArgumentException("'payload.amount' is required.");
                        var counter = await player.IncrementAsync(amount).WaitAsync(cancellationToken);
                        return EnvelopeWriter.Result(cid, new IncrementResult(counter), RealtimeJsonContext.Default.IncrementResult);
                    }

                case RealtimeMessageTypes.Resume:
                    {
                        var payload = Read(envelope, RealtimeJsonContext.Default.ResumePayload);
                        var lastSeq = payload?.LastSeq ?? throw new ArgumentException("'payload.last_seq' is required.");
                        ArgumentOutOfRangeException.ThrowIfNegative(lastSeq);
                        session.RequestResume(lastSeq);
                        return EnvelopeWriter.Result(cid, new ResumePayload(lastSeq), RealtimeJsonContext.Default.ResumePayload);
                    }

                default:
                    return EnvelopeWriter.Error(cid, ErrorCodes.UnknownType, $"Unknown message type '{envelope.Type}'.");
            }
        }
        catch (ArgumentException exception)
        {
            return EnvelopeWriter.Error(cid, ErrorCodes.InvalidRequest, exception.Message);
        }
        catch (JsonException exception)
        {
            return EnvelopeWriter.Error(cid, ErrorCodes.InvalidRequest, "The payload does not match the message type: " + exception.Message);
        }
        catch (Exception exception) when (ClusterUnavailable.Is(exception))
        {
            return EnvelopeWriter.Error(cid, ErrorCodes.Unavailable, ClusterUnavailable.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return EnvelopeWriter.Error(cid, ErrorCodes.Unavailable, "The session is closing.");
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, envelope.Type ?? string.Empty, session.PlayerId);
            return EnvelopeWriter.Error(cid, ErrorCodes.InternalError, "An unexpected error occurred.");
        }
    }

    private static T? Read<T>(InboundEnvelope envelope, JsonTypeInfo<T> typeInfo) where T : class =>
        envelope.Payload.ValueKind == JsonValueKind.Object ? envelope.Payload.Deserialize(typeInfo) : null;

    [LoggerMessage(EventId = 8170, Level = LogLevel.Error, Message = "Socket request {Type} of player {PlayerId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string type, string playerId);
}
