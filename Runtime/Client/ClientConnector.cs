using System.Collections.Immutable;
using GameCluster.Membership;
using GameCluster.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.Client;

/// <summary>
/// Keeps the client connected: reads the membership table, holds a connection to every active silo (so any silo
/// can call the client's observers), and drops the connections of silos that died.
/// </summary>
internal sealed partial class ClientConnector(
    IMembershipTable table,
    MembershipService membership,
    ConnectionManager connections,
    ObserverRegistry observers,
    IOptions<MembershipOptions> options,
    IOptions<ClientOptions> clientOptions,
    TimeProvider timeProvider,
    ILogger<ClientConnector> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clientId = Guid.NewGuid().ToString("N");
        observers.IdentifyAsClient(clientId);
        connections.IdentifyAsClient(clientId);
        var deadline = timeProvider.GetUtcNow() + clientOptions.Value.ConnectTimeout;
        while (true)
        {
            try
            {
                await RefreshAsync(cancellationToken);
                if (membership.View.ActiveSilos.Any())
                {
                    break;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRefreshFailed(logger, exception);
            }

            if (timeProvider.GetUtcNow() > deadline)
            {
                throw new SiloUnavailableException($"No active silo found in the membership table within {clientOptions.Value.ConnectTimeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), timeProvider, cancellationToken);
        }

        LogConnected(logger, clientId, membership.View.ActiveSilos.Count());
        _loop = RefreshLoopAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await connections.DisposeAsync();
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    await RefreshAsync(_stopping.Token);
                }
                catch (Exception exception) when (!_stopping.IsCancellationRequested)
                {
                    LogRefreshFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var data = await table.ReadAllAsync(cancellationToken);
        var previous = membership.View;
        var view = new ClusterMembershipView(data.Version.Version, data.Entries.ToImmutableDictionary(static r => r.Entry.Silo, static r => r.Entry.Status));
        membership.Publish(view);
        foreach (var silo in view.ActiveSilos)
        {
            if (previous.StatusOf(silo) != MembershipStatus.Active)
            {
                // A probe opens the connection and its handshake, so the silo can reach this client's observers.
                _ = connections.PingAsync(silo, options.Value.ProbeTimeout, cancellationToken);
            }
        }

        foreach (var (silo, status) in view.Members)
        {
            if (status == MembershipStatus.Dead && previous.StatusOf(silo) is not MembershipStatus.Dead)
            {
                connections.Disconnect(silo, "declared dead");
            }
        }
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Cluster client {ClientId} connected; {Silos} active silos")]
    private static partial void LogConnected(ILogger logger, string clientId, int silos);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Reading the membership table failed; retrying")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
