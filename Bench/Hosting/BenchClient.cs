using System.Reflection;
using GameCluster.Hosting;
using GameCluster.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GameCluster.Bench.Hosting;

/// <summary>A cluster client in this process that finds the silos through Redis, as the multi-process tests use one.</summary>
public sealed class BenchClient : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchClient(IHost host)
    {
        _host = host;
    }

    /// <summary>The client.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Starts a client of cluster <paramref name="clusterId"/> that calls the grain interfaces of <paramref name="grainAssembly"/>.</summary>
    public static async Task<BenchClient> StartAsync(Assembly grainAssembly, string redisConnectionString, string clusterId, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:ClusterId"] = clusterId,
            ["Membership:RefreshInterval"] = "00:00:00.500",
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseClusterClient(client => client.AddGrainAssembly(grainAssembly).UseRedisClustering(o => o.ConnectionString = redisConnectionString));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new BenchClient(host);
    }

    /// <summary>Waits until the client's membership view holds <paramref name="count"/> active silos.</summary>
    public async Task WaitForActiveSilosAsync(int count, CancellationToken cancellationToken)
    {
        var membership = _host.Services.GetRequiredService<MembershipService>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (membership.View.ActiveSilos.Count() != count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} active silos; the client sees {string.Join(", ", membership.View.Members)}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The silos are about to be killed anyway.
        }

        _host.Dispose();
    }
}
