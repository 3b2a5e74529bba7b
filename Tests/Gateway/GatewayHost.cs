using System.Net.Http.Json;
using GameCluster.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace GameCluster.Tests.Gateway;

/// <summary>
/// The product silo host (gateway co-hosted, SQLite under its own temp working directory) as a real process on
/// 127.0.0.1, with a known signing key and service accounts.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public const string OperatorName = "ops";
    public const string OperatorSecret = "operator-secret-0123456789";
    public const string KioskName = "kiosk-1";
    public const string KioskSecret = "kiosk-secret-0123456789";

    private readonly string _workDirectory;

    private GatewayHost(SiloProcess process, string workDirectory, byte[] signingKey)
    {
        Process = process;
        _workDirectory = workDirectory;
        SigningKey = signingKey;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{process.HttpPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public SiloProcess Process { get; }

    public HttpClient Http { get; }

    public byte[] SigningKey { get; }

    public string DatabasePath => Path.Combine(_workDirectory, "data", "gamecluster.db");

    /// <summary>Settings every gateway under test uses: the signing key, service accounts, quiet logs.</summary>
    public static Dictionary<string, string> Settings(byte[] signingKey, IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Auth:SigningKey"] = Convert.ToBase64String(signingKey),
            ["Auth:ServiceAccounts:0:Name"] = OperatorName,
            ["Auth:ServiceAccounts:0:Secret"] = OperatorSecret,
            ["Auth:ServiceAccounts:0:Roles:0"] = "operator",
            ["Auth:ServiceAccounts:1:Name"] = KioskName,
            ["Auth:ServiceAccounts:1:Secret"] = KioskSecret,
            ["Auth:ServiceAccounts:1:Roles:0"] = "kiosk",
            ["Gateway:RateLimits:PerIpPermitLimit"] = "100000",
            ["Gateway:RateLimits:PerPlayerPermitLimit"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<GatewayHost> StartAsync(IDictionary<string, string>? extra = null)
    {
        var workDirectory = Directory.CreateTempSubdirectory("gamecluster-gateway-").FullName;
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var process = await SiloProcess.StartAsync(Settings(key, extra), workingDirectory: workDirectory);
        return new GatewayHost(process, workDirectory, key);
    }

    /// <summary>Rows in the silo's grain state table, read straight from its SQLite file.</summary>
    public async Task<long> CountStoredGrainStatesAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM grain_state";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
