using GameCluster.Hosting;
using GameCluster.Tests.ClusterGrains;
using Npgsql;

namespace GameCluster.Tests.Infrastructure;

/// <summary>
/// Silo processes clustered through the test Redis, storing state in the test PostgreSQL, plus a cluster client in
/// the test process. Each cluster has its own cluster id, so runs never see each other.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private ProcessCluster(string clusterId, Dictionary<string, string> settings)
    {
        ClusterId = clusterId;
        Settings = settings;
    }

    public string ClusterId { get; }

    public Dictionary<string, string> Settings { get; }

    public List<SiloProcess> Silos { get; } = [];

    public TestClient? Client { get; private set; }

    public IClusterClient GrainFactory => Client!.Client;

    public static async Task<ProcessCluster> StartAsync(int silos, IDictionary<string, string>? extraSettings = null, string? redisConnectionString = null)
    {
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..12];
        var redis = redisConnectionString ?? TestServices.RedisConnectionString;
        var settings = new Dictionary<string, string>
        {
            ["Clustering:Provider"] = "Redis",
            ["Clustering:Redis:ConnectionString"] = redis,
            ["Cluster:ClusterId"] = clusterId,
            ["Silo:ListenHost"] = "127.0.0.1",
            ["Silo:AdvertisedHost"] = "127.0.0.1",
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = TestServices.PostgresConnectionString + ";Maximum Pool Size=20",
            ["Gateway:Enabled"] = "false",
            ["Grains:Assemblies:0"] = typeof(ClusterCounterGrain).Assembly.Location,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:GameCluster.Membership"] = "Information",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var cluster = new ProcessCluster(clusterId, settings);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(async _ =>
            {
                var silo = await SiloProcess.StartAsync(settings);
                lock (cluster.Silos)
                {
                    cluster.Silos.Add(silo);
                }
            }));
            cluster.Client = await TestClient.StartAsync(
                client => client.AddGrainAssembly(typeof(ClusterCounterGrain).Assembly).UseRedisClustering(o => o.ConnectionString = redis),
                new Dictionary<string, string?> { ["Cluster:ClusterId"] = clusterId, ["Membership:RefreshInterval"] = "00:00:00.500" });
            await cluster.WaitForActiveSilosAsync(silos);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public Task<SiloProcess> StartSiloAsync(int? siloPort = null) => SiloProcess.StartAsync(Settings, siloPort);

    public async Task WaitForActiveSilosAsync(int count, TimeSpan? timeout = null)
    {
        var membership = Client!.Host.Services.GetService(typeof(Membership.MembershipService)) as Membership.MembershipService;
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (membership!.View.ActiveSilos.Count() != count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} active silos; the client sees {string.Join(", ", membership.View.Members)}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The stored counter state of a <see cref="IClusterCounterGrain"/>, read straight from PostgreSQL.</summary>
    public static async Task<Dictionary<string, (long Value, int Activations)>> ReadCountersAsync(IEnumerable<string> keys)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT grain_key, (payload->>'value')::bigint, (payload->>'activations')::int FROM grain_state WHERE grain_type = 'clustercounter' AND state_name = 'counter' AND grain_key = ANY(@keys)",
            connection);
        command.Parameters.AddWithValue("keys", keys.ToArray());
        var result = new Dictionary<string, (long, int)>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            result[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt32(2));
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        await Task.WhenAll(Silos.Select(s => s.DisposeAsync().AsTask()));
    }
}
