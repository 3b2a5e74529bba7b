using GameCluster.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GameCluster.Tests.Infrastructure;

/// <summary>A cluster client host in this process.</summary>
public sealed class TestClient : IAsyncDisposable
{
    private TestClient(IHost host)
    {
        Host = host;
    }

    public IHost Host { get; }

    public IClusterClient Client => Host.Services.GetRequiredService<IClusterClient>();

    public static async Task<TestClient> StartAsync(Action<IClientBuilder> configure, IDictionary<string, string?>? configuration = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseClusterClient(client =>
        {
            client.AddGrainAssembly(typeof(TestClient).Assembly);
            client.AddGrainAssembly(typeof(Grains.Player.PlayerGrain).Assembly);
            configure(client);
        });
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new TestClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Host.StopAsync(timeout.Token);
        Host.Dispose();
    }
}
