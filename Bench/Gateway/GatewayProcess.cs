using System.Globalization;
using System.Net;
using GameCluster.Bench.Hosting;

namespace GameCluster.Bench.Gateway;

/// <summary>Managed heap of the gateway process after three full compacting collections, read through the startup hook.</summary>
/// <param name="HeapBytes"><see cref="GC.GetTotalMemory(bool)"/> after the collections.</param>
/// <param name="CommittedBytes">Memory the GC has committed.</param>
public readonly record struct HeapProbe(long HeapBytes, long CommittedBytes);

/// <summary>
/// A product host as a child process on a free loopback port, started like <see cref="SiloProcess"/>: the silo host
/// (<c>GameCluster.Silo.dll</c>, which co-hosts the gateway, as the embedded default runs it, or a silo alone with the
/// gateway disabled), or the standalone gateway host (<c>GameCluster.Gateway.dll</c>, a cluster client); optionally with
/// the bench's startup hook loaded (<see cref="StartupHook"/>), so that <see cref="ProbeHeapAsync"/> can read its managed heap.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly Lock _lock = new();
    private TaskCompletionSource<string>? _probe;
    private int _disposed;

    private GatewayProcess(ChildProcess process, int httpPort)
    {
        _process = process;
        HttpPort = httpPort;
        process.LineReceived += OnLine;
    }

    /// <summary>The HTTP port (API and <c>/ws</c>) on 127.0.0.1.</summary>
    public int HttpPort { get; }

    /// <summary>The HTTP base address.</summary>
    public Uri BaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}/"));

    /// <summary>The socket endpoint.</summary>
    public Uri SocketEndpoint => new(string.Create(CultureInfo.InvariantCulture, $"ws://127.0.0.1:{HttpPort}/ws"));

    /// <summary>The process.</summary>
    public ChildProcess Process => _process;

    /// <summary>The standalone gateway host (<c>GameCluster.Gateway.dll</c>, a cluster client), next to the bench's own (it comes with the silo host's project reference).</summary>
    public static string StandaloneHostPath => Path.Combine(AppContext.BaseDirectory, "GameCluster.Gateway.dll");

    /// <summary>Starts the silo host (co-hosting the gateway) with <paramref name="settings"/> (as <c>--Key=Value</c>) and waits until <c>/health</c> answers 200.</summary>
    public static Task<GatewayProcess> StartAsync(IReadOnlyDictionary<string, string> settings, bool withProbe, CancellationToken cancellationToken) =>
        StartHostAsync("gateway", SiloProcess.HostPath, settings, withSiloPort: true, withProbe, null, cancellationToken);

    /// <summary>
    /// Starts the product host <paramref name="hostPath"/> (the silo host, or the standalone gateway host) with
    /// <paramref name="settings"/> (as <c>--Key=Value</c>) on a free HTTP port, with a free <c>Silo:Port</c> when
    /// <paramref name="withSiloPort"/>, with <paramref name="environment"/> set while it starts, and waits until
    /// <c>/health</c> answers 200.
    /// </summary>
    public static async Task<GatewayProcess> StartHostAsync(
        string name, string hostPath, IReadOnlyDictionary<string, string> settings, bool withSiloPort, bool withProbe, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var file in new[] { hostPath, Path.ChangeExtension(hostPath, ".runtimeconfig.json") })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{Path.GetFileName(file)} is missing from the bench output; build the bench (dotnet build Bench -c Release).", file);
            }
        }

        var httpPort = LoopbackPort.Free();
        List<string> arguments = [hostPath, "--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}")];
        arguments.AddRange(settings.Select(static s => $"--{s.Key}={s.Value}"));
        if (withSiloPort)
        {
            arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--Silo:Port={LoopbackPort.Free()}"));
        }

        // The child copies this process's environment when it starts; nothing else starts processes meanwhile.
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (withProbe)
        {
            variables["GAMECLUSTER_BENCH_PROBE"] = "1";
        }

        if (variables.Count > 0)
        {
            variables["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
        }

        ChildProcess child;
        foreach (var (key, value) in variables)
        {
            Environment.SetEnvironmentVariable(key, value);
        }

        try
        {
            child = ChildProcess.Start(name, "dotnet", arguments, redirectInput: true);
        }
        finally
        {
            foreach (var key in variables.Keys)
            {
                Environment.SetEnvironmentVariable(key, null);
            }
        }

        var gateway = new GatewayProcess(child, httpPort);
        try
        {
            await gateway._process.WaitHealthyAsync(gateway.BaseAddress, cancellationToken);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>Asks the startup hook for three full compacting collections and the heap size after them.</summary>
    public async Task<HeapProbe> ProbeHeapAsync(CancellationToken cancellationToken)
    {
        var probe = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _probe = probe;
        }

        await _process.StandardInput.WriteLineAsync("gc");
        await _process.StandardInput.FlushAsync(cancellationToken);
        var line = await probe.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        long Field(string name)
        {
            var start = line.IndexOf(name + "=", StringComparison.Ordinal) + name.Length + 1;
            var end = line.IndexOf(' ', start);
            return long.Parse(end < 0 ? line.AsSpan(start) : line.AsSpan(start, end - start), CultureInfo.InvariantCulture);
        }

        return new HeapProbe(Field("heap"), Field("committed"));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? _process.DisposeAsync() : ValueTask.CompletedTask;

    private void OnLine(string line)
    {
        if (!line.StartsWith(StartupHook.AnswerPrefix, StringComparison.Ordinal))
        {
            return;
        }

        TaskCompletionSource<string>? probe;
        lock (_lock)
        {
            probe = _probe;
            _probe = null;
        }

        probe?.TrySetResult(line);
    }
}
