using System.Globalization;
using System.Net;

namespace GameCluster.Bench.Hosting;

/// <summary>
/// The product's silo host (<c>GameCluster.Silo.dll</c>, Release, copied into the bench's output by its project
/// reference) as a separate process, started the way the multi-process tests start it.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SiloProcess(ChildProcess process, int siloPort, int httpPort)
    {
        _process = process;
        SiloPort = siloPort;
        HttpPort = httpPort;
    }

    /// <summary>The silo (messaging) port.</summary>
    public int SiloPort { get; }

    /// <summary>The HTTP port (health).</summary>
    public int HttpPort { get; }

    /// <summary>The process, for its processor time.</summary>
    public ChildProcess Process => _process;

    /// <summary>The silo host's assembly, next to the bench's own.</summary>
    public static string HostPath => Path.Combine(AppContext.BaseDirectory, "GameCluster.Silo.dll");

    /// <summary>Starts a silo with <paramref name="settings"/> (as <c>--Key=Value</c>) and waits until <c>/health</c> answers 200.</summary>
    public static async Task<SiloProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(HostPath))
        {
            throw new FileNotFoundException($"The silo host is missing from the bench output; build the bench (dotnet build Bench -c Release).", HostPath);
        }

        var siloPort = LoopbackPort.Free();
        var httpPort = LoopbackPort.Free();
        List<string> arguments = [HostPath, "--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}")];
        arguments.AddRange(settings.Select(static s => $"--{s.Key}={s.Value}"));
        arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--Silo:Port={siloPort}"));
        var silo = new SiloProcess(ChildProcess.Start(name, "dotnet", arguments), siloPort, httpPort);
        try
        {
            await silo._process.WaitHealthyAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{silo.HttpPort}")), cancellationToken);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
