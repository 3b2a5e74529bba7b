using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GameCluster.Gateway.Realtime.Upgrade;

/// <summary>
/// Logs once the server has started whether <see cref="RealtimeUpgradeMiddleware"/> runs, and warns when it runs on
/// fewer endpoints than the server listens on (<see cref="RealtimeHostingExtensions.AddRealtimeConnectionUpgrade"/>).
/// </summary>
public sealed partial class RealtimeUpgradeReporter(
    RealtimeUpgradeInstallation installation,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<RealtimeUpgradeReporter> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(static state => ((RealtimeUpgradeReporter)state!).Report(), this);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        var installed = installation.InstalledOn;
        if (installation.DisabledReason is { } reason)
        {
            LogDisabled(logger, reason);
        }
        else if (installed.Count == 0 || installed.Count < addresses.Length)
        {
            LogNotInstalled(logger, installed.Count, string.Join(", ", addresses));
        }
        else
        {
            LogInstalled(logger, string.Join(", ", installed));
        }
    }
}
