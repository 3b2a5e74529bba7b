using System.Reflection;
using GameCluster.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GameCluster.Bench.Hosting;

/// <summary>A silo in this process with in-memory storage named Default, started the way the tests start one.</summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private BenchSilo(IHost host)
    {
        _host = host;
    }

    /// <summary>The silo's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Creates grain references.</summary>
    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a silo serving the grains of <paramref name="grainAssembly"/>.</summary>
    public static async Task<BenchSilo> StartAsync(Assembly grainAssembly, IDictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseSilo(silo =>
        {
            silo.AddGrainAssembly(grainAssembly);
            silo.AddMemoryGrainStorage();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    /// <summary>Stops the silo gracefully (every activation is deactivated) and returns how long that took.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan timeout)
    {
        var started = TimeProvider.System.GetTimestamp();
        if (!_stopped)
        {
            _stopped = true;
            using var cancellation = new CancellationTokenSource(timeout);
            await _host.StopAsync(cancellation.Token);
        }

        return TimeProvider.System.GetElapsedTime(started);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
            // A benchmark silo that cannot drain in time is abandoned; the process is about to exit.
        }

        _host.Dispose();
    }
}
