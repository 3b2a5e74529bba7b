using System.Globalization;
using System.Net;
using GameCluster.Bench.Hosting;

namespace GameCluster.Bench.Gateway;

/// <summary>Managed heap of the gateway process after three full compacting collections, read through the startup hook.</summary>
/// <param name="HeapBytes"><see cref="GC.GetTotalMemory(bool)"/> after the collections.</param>
/// <param name="CommittedBytes">Memory the GC has committed.</param>
public readonly record struct HeapProbe(long HeapBytes, long CommittedBytes);

/// <summary>
/// The product's silo host (<c>GameCluster.Silo.dll</c>, which co-hosts the gateway, as the embedded default runs it) as a
/// child process on a free loopback port, started like <see cref="SiloProcess"/>; optionally with the bench's startup
/// hook loaded (<see cref="StartupHook"/>), so that <see cref="ProbeHeapAsync"/> can read its managed heap.
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

    /// <summary>Starts the host with <paramref name="settings"/> (as <c>--Key=Value</c>) and waits until <c>/health</c> answers 200.</summary>
    public static async Task<GatewayProcess> StartAsync(IReadOnlyDictionary<string, string> settings, bool withProbe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(SiloProcess.HostPath))
        {
            throw new FileNotFoundException("The silo host is missing from the bench output; build the bench (dotnet build Bench -c Release).", SiloProcess.HostPath);
        }

        var httpPort = LoopbackPort.Free();
        List<string> arguments = [SiloProcess.HostPath, "--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}")];
        arguments.AddRange(settings.Select(static s => $"--{s.Key}={s.Value}"));
        arguments.Add(string.Create(CultureInfo.InvariantCulture, $"--Silo:Port={LoopbackPort.Free()}"));
        ChildProcess child;
        if (withProbe)
        {
            // The child copies this process's environment when it starts; nothing else starts processes meanwhile.
            Environment.SetEnvironmentVariable("DOTNET_STARTUP_HOOKS", typeof(StartupHook).Assembly.Location);
            Environment.SetEnvironmentVariable("GAMECLUSTER_BENCH_PROBE", "1");
            try
            {
                child = ChildProcess.Start("gateway", "dotnet", arguments, redirectInput: true);
            }
            finally
            {
                Environment.SetEnvironmentVariable("DOTNET_STARTUP_HOOKS", null);
                Environment.SetEnvironmentVariable("GAMECLUSTER_BENCH_PROBE", null);
            }
        }
        else
        {
            child = ChildProcess.Start("gateway", "dotnet", arguments, redirectInput: true);
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
