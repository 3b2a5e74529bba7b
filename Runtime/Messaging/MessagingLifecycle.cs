using System.Net;
using GameCluster.Hosting;
using GameCluster.Membership;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.Messaging;

/// <summary>Binds the silo's endpoint and fixes its address (with a new generation) at start; closes every connection last at stop.</summary>
internal sealed partial class MessagingLifecycle(
    ConnectionManager connections,
    LocalSilo localSilo,
    IOptions<SiloOptions> options,
    IOptions<MembershipOptions> membershipOptions,
    TimeProvider timeProvider,
    ILogger<MessagingLifecycle> logger) : ISiloLifecycleParticipant
{
    public int Stage => SiloLifecycleStage.Messaging;

    public string ParticipantName => "messaging";

    public Task OnStartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var bound = connections.Listen(new IPEndPoint(IPAddress.Parse(settings.ListenHost), settings.Port));
        var address = new SiloAddress(settings.AdvertisedHost, bound.Port, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        localSilo.Bind(address);
        localSilo.Name = settings.SiloName;
        connections.IdentifyAsSilo(address);
        LogListening(logger, bound, address);
        return Task.CompletedTask;
    }

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        // Peers learn that this silo is dead on their next membership refresh; until then keep answering, so the
        // calls they still send here are turned away (and re-routed by them) rather than lost with the connection.
        await Task.Delay(membershipOptions.Value.RefreshInterval * 2, timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await connections.DisposeAsync();
    }

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Listening on {Endpoint} as silo {Silo}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endpoint, SiloAddress silo);
}
