using GameCluster.GrainDirectory;
using GameCluster.Hosting;
using GameCluster.Membership;

namespace GameCluster.Tests.Infrastructure;

/// <summary>Several silos in this process, clustered over real TCP on loopback through shared in-memory tables.</summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private InProcessCluster(List<TestSilo> silos, GrainProbe probe, InMemoryGrainDirectory directory, InMemoryMembershipTable table, string dataDirectory)
    {
        _dataDirectory = dataDirectory;
        Silos = silos;
        Probe = probe;
        Directory = directory;
        Table = table;
    }

    public List<TestSilo> Silos { get; }

    public GrainProbe Probe { get; }

    public InMemoryGrainDirectory Directory { get; }

    public InMemoryMembershipTable Table { get; }

    public static async Task<InProcessCluster> StartAsync(int count, IDictionary<string, string?>? configuration = null)
    {
        var table = new InMemoryMembershipTable();
        var directory = new InMemoryGrainDirectory();
        var probe = new GrainProbe();
        var settings = new Dictionary<string, string?>
        {
            ["Silo:Port"] = "0",
            ["Silo:ListenHost"] = "127.0.0.1",
            ["Silo:AdvertisedHost"] = "127.0.0.1",
            ["Membership:RefreshInterval"] = "00:00:00.200",
            ["Membership:ProbeInterval"] = "00:00:00.500",
            ["Membership:ProbeTimeout"] = "00:00:00.500",
            ["Messaging:ResponseTimeout"] = "00:00:10",
            ["Reminders:MinimumPeriod"] = "00:00:01",
            ["Reminders:RefreshPeriod"] = "00:00:01",
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var dataDirectory = System.IO.Directory.CreateTempSubdirectory("gamecluster-cluster-").FullName;
        var silos = new List<TestSilo>();
        for (var i = 0; i < count; i++)
        {
            silos.Add(await TestSilo.StartAsync(
                silo => silo
                    .UseInMemoryClustering(table, directory)
                    .AddSqliteGrainStorage(Runtime.GrainStorageNames.Default, o => o.DataDirectory = dataDirectory)
                    .UseSqliteReminders(o => o.DataDirectory = dataDirectory),
                settings,
                memoryStorage: false,
                probe: probe));
        }

        var cluster = new InProcessCluster(silos, probe, directory, table, dataDirectory);
        await cluster.WaitForActiveSilosAsync(count);
        return cluster;
    }

    /// <summary>Waits until every running silo sees <paramref name="count"/> active silos.</summary>
    public async Task WaitForActiveSilosAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Silos.Any(s => !s.IsStopped && s.Membership.View.ActiveSilos.Count() != count))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Silos did not converge on {count} active members.");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Starts a cluster client that finds these silos through the shared tables.</summary>
    public Task<TestClient> StartClientAsync() => TestClient.StartAsync(
        client => client.UseInMemoryClustering(Table, Directory),
        new Dictionary<string, string?> { ["Membership:RefreshInterval"] = "00:00:00.200" });

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        System.IO.Directory.Delete(_dataDirectory, recursive: true);
    }
}
