using GameCluster.Gateway;
using GameCluster.Gateway.Auth;
using GameCluster.Gateway.Http;
using GameCluster.Gateway.Realtime;
using GameCluster.GrainDirectory;
using GameCluster.Grains;
using GameCluster.Grains.Player;
using GameCluster.Hosting;
using GameCluster.Membership;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GameCluster.Tests.Realtime;

/// <summary>
/// A real Kestrel host on 127.0.0.1 serving the gateway: co-hosted with a silo (the embedded default), or as a
/// standalone gateway that is a cluster client. Connect nonces come from a test-only redeemer.
/// </summary>
public sealed class RealtimeGatewayHost : IAsyncDisposable
{
    /// <summary>A signing key shared by every test host, so tokens from one gateway work on another.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private RealtimeGatewayHost(WebApplication app)
    {
        App = app;
        var address = app.Urls.First();
        HttpBase = new Uri(address);
        WsBase = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal));
    }

    public WebApplication App { get; }

    public Uri HttpBase { get; }

    public Uri WsBase { get; }

    public IServiceProvider Services => App.Services;

    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    public TestNonceRedeemer Nonces => Services.GetRequiredService<TestNonceRedeemer>();

    public RealtimeSessionRegistry Sessions => Services.GetRequiredService<RealtimeSessionRegistry>();

    public DrainState Drain => Services.GetRequiredService<DrainState>();

    /// <summary>The socket URI for <paramref name="playerId"/> with a fresh nonce, plus extra query text.</summary>
    public Uri SocketUri(string playerId, string? extraQuery = null) =>
        new(WsBase, $"/ws?nonce={Nonces.Issue(playerId)}{(extraQuery is null ? string.Empty : "&" + extraQuery)}");

    /// <summary>A gateway co-hosted with a silo using in-memory storage and no clustering.</summary>
    public static Task<RealtimeGatewayHost> StartCoHostedAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(builder => builder.UseSilo(silo => silo.AddGrainAssembly(typeof(PlayerGrain).Assembly).AddMemoryGrainStorage()), settings, services);

    /// <summary>A gateway co-hosted with a silo that joins an in-process cluster (shared tables, SQLite in <paramref name="dataDirectory"/>).</summary>
    public static Task<RealtimeGatewayHost> StartClusteredAsync(
        InMemoryMembershipTable table, InMemoryGrainDirectory directory, string dataDirectory, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync(
            builder => builder.UseSilo(silo => silo
                .AddGrainAssembly(typeof(PlayerGrain).Assembly)
                .UseInMemoryClustering(table, directory)
                .AddSqliteGrainStorage(Runtime.GrainStorageNames.Default, o => o.DataDirectory = dataDirectory)),
            Merge(ClusterSettings, settings),
            services);

    /// <summary>A standalone gateway: a cluster client of the silos in the shared tables.</summary>
    public static Task<RealtimeGatewayHost> StartStandaloneAsync(InMemoryMembershipTable table, InMemoryGrainDirectory directory, IDictionary<string, string?>? settings = null) =>
        StartAsync(
            builder => builder.UseClusterClient(client => client
                .AddGrainAssembly(typeof(IPlayerGrain).Assembly)
                .AddGrainAssembly(typeof(PlayerGrain).Assembly)
                .UseInMemoryClustering(table, directory)),
            Merge(new Dictionary<string, string?> { ["Membership:RefreshInterval"] = "00:00:00.200" }, settings));

    public static readonly IReadOnlyDictionary<string, string?> ClusterSettings = new Dictionary<string, string?>
    {
        ["Silo:Port"] = "0",
        ["Silo:ListenHost"] = "127.0.0.1",
        ["Silo:AdvertisedHost"] = "127.0.0.1",
        ["Membership:RefreshInterval"] = "00:00:00.200",
        ["Membership:ProbeInterval"] = "00:00:00.500",
        ["Membership:ProbeTimeout"] = "00:00:00.500",
    };

    private static Dictionary<string, string?> Merge(IReadOnlyDictionary<string, string?> first, IDictionary<string, string?>? second)
    {
        var merged = new Dictionary<string, string?>(first);
        foreach (var (key, value) in second ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>Registers the product's connect nonce redeemer (nonces from <c>POST /api/v1/auth/nonce</c>) instead of the test one.</summary>
    public static void UseRealNonces(IServiceCollection services) => services.AddSingleton<IConnectNonceRedeemer, ConnectNonceRedeemer>();

    private static async Task<RealtimeGatewayHost> StartAsync(Action<WebApplicationBuilder> addRuntime, IDictionary<string, string?>? settings, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        var configuration = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Auth:SigningKey"] = SigningKey,
            ["Messaging:ResponseTimeout"] = "00:00:10",
            ["Gateway:Realtime:PushPollWait"] = "00:00:05",
            ["Gateway:Realtime:CloseTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        addRuntime(builder);
        builder.AddGateway();
        builder.Services.AddSingleton<TestNonceRedeemer>();
        builder.Services.AddSingleton<IConnectNonceRedeemer>(sp => sp.GetRequiredService<TestNonceRedeemer>());
        builder.Services.AddOptions<Grains.Sessions.PlayerPushOptions>().BindConfiguration(Grains.Sessions.PlayerPushOptions.SectionName);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RealtimeGatewayHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
