using GameCluster.Gateway.Http;
using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.Realtime;

/// <summary>What every realtime session uses, bundled once per gateway.</summary>
public sealed class RealtimeServices(
    IOptions<RealtimeOptions> options,
    IGrainFactory grainFactory,
    RealtimeDispatcher dispatcher,
    RealtimeRateLimiter rateLimiter,
    RealtimeSessionRegistry registry,
    DrainState drain,
    TimeProvider timeProvider,
    RealtimePushMailbox mailbox,
    ILogger<RealtimeSession> logger)
{
    /// <summary>The socket settings.</summary>
    public RealtimeOptions Options { get; } = options.Value;

    /// <summary>Reaches the grains (the silo's factory when co-hosted, the cluster client when standalone).</summary>
    public IGrainFactory GrainFactory { get; } = grainFactory;

    /// <summary>Maps requests to grain calls.</summary>
    public RealtimeDispatcher Dispatcher { get; } = dispatcher;

    /// <summary>Per-player and per-IP message limits.</summary>
    public RealtimeRateLimiter RateLimiter { get; } = rateLimiter;

    /// <summary>The open sessions.</summary>
    public RealtimeSessionRegistry Registry { get; } = registry;

    /// <summary>Signals when the gateway starts draining.</summary>
    public DrainState Drain { get; } = drain;

    /// <summary>This gateway's push mailbox.</summary>
    public RealtimePushMailbox Mailbox { get; } = mailbox;

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>The sessions' logger.</summary>
    public ILogger<RealtimeSession> Logger { get; } = logger;
}
