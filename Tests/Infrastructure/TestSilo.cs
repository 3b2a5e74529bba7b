using GameCluster.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GameCluster.Tests.Infrastructure;

/// <summary>A real silo in this process, with the test grains registered and in-memory storage named Default.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private bool _stopped;

    private TestSilo(IHost host)
    {
        Host = host;
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    public GrainProbe Probe => Services.GetRequiredService<GrainProbe>();

    public bool IsStopped => _stopped;

    public Membership.MembershipService Membership => Services.GetRequiredService<Membership.MembershipService>();

    public Membership.SiloAddress Address => Services.GetRequiredService<Membership.LocalSilo>().Address;

    public static async Task<TestSilo> StartAsync(
        Action<ISiloBuilder>? configureSilo = null,
        IDictionary<string, string?>? configuration = null,
        bool memoryStorage = true,
        GrainProbe? probe = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(probe ?? new GrainProbe());
        builder.UseSilo(silo =>
        {
            silo.AddGrainAssembly(typeof(TestSilo).Assembly);
            silo.AddGrainAssembly(typeof(Grains.Player.PlayerGrain).Assembly);
            if (memoryStorage)
            {
                silo.AddMemoryGrainStorage();
            }

            configureSilo?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new TestSilo(host);
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
    }
}
