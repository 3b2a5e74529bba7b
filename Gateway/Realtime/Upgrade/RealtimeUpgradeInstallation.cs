using System.Collections.Concurrent;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.Realtime.Upgrade;

/// <summary>
/// Decides whether <see cref="RealtimeUpgradeMiddleware"/> may run on this gateway, puts it on the Kestrel endpoints it
/// is offered (<see cref="Install"/>); <see cref="RealtimeUpgradeReporter"/> logs at start where it runs. It stays off
/// when <see cref="RealtimeOptions.ConnectionLevelUpgrade"/> is off and when the HTTP pipeline would treat an upgrade
/// differently in ways it does not reproduce: host filtering (<c>AllowedHosts</c> other than <c>*</c>), forwarded
/// headers, or <see cref="WebSocketOptions.AllowedOrigins"/>.
/// </summary>
public sealed class RealtimeUpgradeInstallation(
    IOptions<RealtimeOptions> realtime,
    IOptions<HostFilteringOptions> hostFiltering,
    IOptions<ForwardedHeadersOptions> forwardedHeaders,
    IOptions<WebSocketOptions> webSockets)
{
    private readonly ConcurrentQueue<string> _installedOn = new();
    /// <summary>Why the middleware does not run on this gateway, or <see langword="null"/> when it does.</summary>
    public string? DisabledReason { get; } = DisabledReasonOf(realtime.Value, hostFiltering.Value, forwardedHeaders.Value, webSockets.Value);

    /// <summary>The endpoints the middleware was put on so far.</summary>
    public IReadOnlyCollection<string> InstalledOn => _installedOn;

    /// <summary>Puts the middleware in front of <paramref name="listen"/>'s HTTP server unless it is disabled.</summary>
    public void Install(ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (DisabledReason is not null)
        {
            return;
        }

        listen.Use(next =>
        {
            _installedOn.Enqueue(listen.ToString() ?? "endpoint");
            return ActivatorUtilities.CreateInstance<RealtimeUpgradeMiddleware>(listen.ApplicationServices, next).OnConnectedAsync;
        });
    }

    private static string? DisabledReasonOf(RealtimeOptions realtime, HostFilteringOptions hosts, ForwardedHeadersOptions forwarded, WebSocketOptions sockets)
    {
        if (!realtime.ConnectionLevelUpgrade)
        {
            return RealtimeOptions.SectionName + ":ConnectionLevelUpgrade is false";
        }

        if (hosts.AllowedHosts.Any(static host => host != "*"))
        {
            return "host filtering is on (AllowedHosts is not \"*\")";
        }

        if (forwarded.ForwardedHeaders != ForwardedHeaders.None)
        {
            return "forwarded headers are configured";
        }

        return sockets.AllowedOrigins.Count > 0 ? "WebSocketOptions.AllowedOrigins is set" : null;
    }
}
