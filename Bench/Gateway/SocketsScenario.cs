using System.Diagnostics;
using System.Globalization;
using System.Net;
using GameCluster.Bench.Hosting;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.Gateway;

/// <summary>What the sockets scenario measured.</summary>
public sealed record SocketsResult
{
    /// <summary>The deployment measured: <see cref="SocketsTopology.CoHosted"/> or <see cref="SocketsTopology.Standalone"/>.</summary>
    public required SocketsTopology Topology { get; init; }

    /// <summary>The process holding the sockets: the standalone gateway, or the silo host co-hosting it.</summary>
    public required SocketsProcessResult Gateway { get; init; }

    /// <summary>The silo process behind a standalone gateway, or <see langword="null"/> when the gateway is co-hosted.</summary>
    public required SocketsProcessResult? Silo { get; init; }

    /// <summary>Sockets asked for (<c>--sockets</c>).</summary>
    public required int Requested { get; init; }

    /// <summary>Sockets attempted: <see cref="Requested"/>, or fewer when the open-file limit could not be raised.</summary>
    public required int Wanted { get; init; }

    /// <summary>Why fewer than requested were attempted, or <see langword="null"/>.</summary>
    public required string? CapReason { get; init; }

    /// <summary>Sockets that opened (handshake and welcome).</summary>
    public required long Opened { get; init; }

    /// <summary>Sockets that closed during the hold.</summary>
    public required long ClosedDuringHold { get; init; }

    /// <summary>Sockets still open at the end of the hold.</summary>
    public required long OpenAtEnd { get; init; }

    /// <summary>Sockets that answered at least one server ping.</summary>
    public required long SocketsPinged { get; init; }

    /// <summary>Pongs sent in all.</summary>
    public required long Pongs { get; init; }

    /// <summary>Source addresses the sockets were spread over.</summary>
    public required IReadOnlyList<IPAddress> SourceAddresses { get; init; }

    /// <summary>The open-file limit in force (soft/hard) for the bench and the gateway.</summary>
    public required string FileLimit { get; init; }

    /// <summary>Time to sign in every guest.</summary>
    public required TimeSpan SignInTime { get; init; }

    /// <summary>Time to open every socket.</summary>
    public required TimeSpan ConnectTime { get; init; }

    /// <summary>How long the sockets were held after the last one opened.</summary>
    public required TimeSpan Hold { get; init; }

    /// <summary>The bench process's resident memory with every socket open (the clients' side).</summary>
    public required long BenchRss { get; init; }

    /// <summary>Kernel TCP counters before the sockets and with all open.</summary>
    public required (string Before, string After) SockStat { get; init; }
}

/// <summary>One process of a deployment (the gateway, or the silo behind a standalone gateway), read at the same moments.</summary>
public sealed record SocketsProcessResult
{
    /// <summary>Before the sockets (after the sign-ins).</summary>
    public required ProcMemory Before { get; init; }

    /// <summary>With every socket open.</summary>
    public required ProcMemory After { get; init; }

    /// <summary>At the end of the hold.</summary>
    public required ProcMemory End { get; init; }

    /// <summary>Managed heap before (after full compacting collections).</summary>
    public required HeapProbe HeapBefore { get; init; }

    /// <summary>Managed heap with every socket open.</summary>
    public required HeapProbe HeapAfter { get; init; }

    /// <summary>Managed heap at the end of the hold.</summary>
    public required HeapProbe HeapEnd { get; init; }

    /// <summary>Processor time while the sockets were held idle, per second of hold.</summary>
    public required double IdleCpuShare { get; init; }

    /// <summary>The process's settings beyond the defaults (secrets shown as a placeholder).</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }
}

/// <summary>
/// Holds <c>--sockets</c> (100,000) idle authenticated WebSockets on one gateway process, in one or both deployments
/// (<c>--topology</c>): the silo host co-hosting the gateway as a child process (memory storage), and the production
/// topology, a standalone gateway process (<c>GameCluster.Gateway.dll</c>, a cluster client) in front of one silo
/// process (gateway disabled, memory storage), both clustered through a private <c>redis-server</c>. Keepalive at its
/// defaults (ping every 15 s, drop after 25 s without pong); that many distinct guest players signed in over HTTP (one
/// live socket per player is the rule), and <see cref="IdleWebSocket"/>s in this process spread over several loopback
/// source addresses. Memory is read from <c>/proc</c> and, through the bench's startup hook, as the managed heap after
/// full compacting collections, for the gateway process and (standalone) the silo process.
/// </summary>
public static class SocketsScenario
{
    /// <summary>Sockets per loopback source address (the ephemeral port range is 32768-60999 by default: 28,232 ports).</summary>
    public const int SocketsPerSourceAddress = 20_000;

    /// <summary>Descriptors kept free for everything else a process opens (assemblies, epoll, pipes, HTTP connections).</summary>
    public const int FileDescriptorMargin = 1_500;

    /// <summary>Connections being set up at once (Kestrel's listen backlog is 512).</summary>
    public const int ConnectParallelism = 128;

    /// <summary>How a secret setting appears in the report.</summary>
    public const string Redacted = "(random per run)";

    /// <summary>Runs the scenario for every topology of <see cref="BenchOptions.Topology"/>, co-hosted first, each with the same number of sockets.</summary>
    public static async Task<IReadOnlyList<SocketsResult>> RunAsync(BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var count = options.Sockets;
        var limit = FileLimit.RaiseTo((ulong)(count + 20_000));
        log.WriteLine($"  open-file limit of the bench (inherited by the gateway and silo processes): {limit.Soft}/{limit.Hard}");
        string? capReason = null;
        if (limit.Soft < (ulong)(count + FileDescriptorMargin))
        {
            // Each side (this process and the gateway) needs one descriptor per socket plus its own; a silo behind a
            // standalone gateway only needs a few (its connections to the gateway and to Redis).
            var capped = (int)Math.Max(0, (long)limit.Soft - FileDescriptorMargin);
            capReason = string.Create(CultureInfo.InvariantCulture,
                $"the open-file hard limit of this environment is {limit.Hard:N0} and raising it failed (setrlimit errno {limit.Error}{(limit.Error == 1 ? ", EPERM, although running as root" : string.Empty)}), so one process can hold at most about {capped:N0} sockets");
            log.WriteLine($"  WARNING: only {capped:N0} of {count:N0} sockets: {capReason}");
            count = Math.Min(count, capped);
        }

        var cap = new SocketCount(options.Sockets, count, capReason, $"{limit.Soft}/{limit.Hard}");
        var results = new List<SocketsResult>();
        foreach (var topology in new[] { SocketsTopology.CoHosted, SocketsTopology.Standalone })
        {
            if (options.Topology.HasFlag(topology))
            {
                log.WriteLine($"  -- {Name(topology)} --");
                results.Add(await RunTopologyAsync(topology, cap, options.Hold, log, cancellationToken));
            }
        }

        return results;
    }

    /// <summary>A short name of the topology for the log and the report.</summary>
    public static string Name(SocketsTopology topology) => topology switch
    {
        SocketsTopology.CoHosted => "co-hosted: the silo host co-hosting the gateway, one process",
        SocketsTopology.Standalone => "standalone: a gateway process (cluster client) in front of one silo process, Redis clustering",
        _ => topology.ToString(),
    };

    /// <summary>The gateway's settings: those of the gateway scenario (memory storage, limits raised), keepalive left at its defaults.</summary>
    public static Dictionary<string, string> GatewaySocketSettings() => GatewayScenario.GatewaySettings();

    /// <summary>
    /// The silo behind the standalone gateway: Redis clustering (as the cross-silo scenario's silos), memory storage,
    /// the gateway disabled, logging at Warning, the signing key shared with the gateway (as production configures it).
    /// </summary>
    public static Dictionary<string, string> StandaloneSiloSettings(string redis, string clusterId, string signingKey) => new()
    {
        ["Clustering:Provider"] = "Redis",
        ["Clustering:Redis:ConnectionString"] = redis,
        ["Cluster:ClusterId"] = clusterId,
        ["Silo:ListenHost"] = "127.0.0.1",
        ["Silo:AdvertisedHost"] = "127.0.0.1",
        ["Storage:Provider"] = "Memory",
        ["Gateway:Enabled"] = "false",
        ["Auth:SigningKey"] = signingKey,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>
    /// The standalone gateway (<c>GameCluster.Gateway.dll</c>, which always clusters through Redis): the cluster to
    /// join, the signing key, logging at Warning and the limits the co-hosted gateway gets raised (every bench client
    /// comes from 127.0.0.1); keepalive left at its defaults.
    /// </summary>
    public static Dictionary<string, string> StandaloneGatewaySettings(string redis, string clusterId, string signingKey)
    {
        var settings = new Dictionary<string, string>
        {
            ["Clustering:Redis:ConnectionString"] = redis,
            ["Cluster:ClusterId"] = clusterId,
            ["Auth:SigningKey"] = signingKey,
        };
        foreach (var (key, value) in GatewaySocketSettings())
        {
            // Storage and the silo endpoint are the silo's business; the rest (logging, limits) applies to the gateway.
            if (!key.StartsWith("Storage:", StringComparison.Ordinal) && !key.StartsWith("Silo:", StringComparison.Ordinal))
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    private static async Task<SocketsResult> RunTopologyAsync(SocketsTopology topology, SocketCount cap, TimeSpan holdFor, TextWriter log, CancellationToken cancellationToken)
    {
        var count = cap.Wanted;
        await using var deployment = await Deployment.StartAsync(topology, log, cancellationToken);
        var gateway = deployment.Gateway;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  gateway pid {gateway.Process.Id} on port {gateway.HttpPort}{(deployment.Silo is { } s ? $", silo pid {s.Process.Id}, redis-server pid {deployment.Redis!.Process.Id}" : string.Empty)}; signing in {count:N0} guests..."));

        var signIn = Stopwatch.StartNew();
        var progress = new Progress<int>(n => log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {n:N0} signed in ({signIn.Elapsed.TotalSeconds:0.0} s)")));
        var players = await GuestLogins.SignInAsync(gateway.BaseAddress, "bench-ws-" + Guid.NewGuid().ToString("N")[..8], count, 64, progress, cancellationToken);
        signIn.Stop();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count:N0} guests signed in in {signIn.Elapsed.TotalSeconds:0.0} s"));

        var before = await deployment.ReadAsync(cancellationToken);
        var sockStatBefore = ProcMemory.SockStat();
        log.WriteLine($"  before: {before.Describe()}");

        var sources = Enumerable.Range(0, Math.Max(2, (count + SocketsPerSourceAddress - 1) / SocketsPerSourceAddress))
            .Select(static i => new IPAddress([127, 0, 0, (byte)(2 + i)]))
            .ToArray();
        var server = new IPEndPoint(IPAddress.Loopback, gateway.HttpPort);
        var counters = new IdleSocketCounters();
        var sockets = new IdleWebSocket[count];
        try
        {
            var connect = Stopwatch.StartNew();
            var lastReport = 0L;
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellationToken }, async (i, token) =>
            {
                sockets[i] = await ConnectWithRetryAsync(sources[i % sources.Length], server, players[i].AccessToken, counters, token);
                var opened = counters.Open;
                if (opened % 10_000 == 0 && Interlocked.Exchange(ref lastReport, opened) != opened)
                {
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {opened:N0} sockets open ({connect.Elapsed.TotalSeconds:0.0} s)"));
                }
            });
            connect.Stop();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {counters.Open:N0} sockets open in {connect.Elapsed.TotalSeconds:0.0} s from {sources.Length} source addresses; {counters.Closed:N0} closed so far"));

            var after = await deployment.ReadAsync(cancellationToken);
            var sockStatAfter = ProcMemory.SockStat();
            var benchRss = ProcMemory.Read(Environment.ProcessId).Rss;
            log.WriteLine($"  after:  {after.Describe()}");
            log.WriteLine($"  kernel: {sockStatAfter}");

            var hold = Stopwatch.StartNew();
            var closedAtStart = counters.Closed;
            var cpuBefore = gateway.Process.ProcessorTime();
            var siloCpuBefore = deployment.Silo?.Process.ProcessorTime() ?? TimeSpan.Zero;
            while (hold.Elapsed < holdFor)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    hold {hold.Elapsed.TotalSeconds:0} s: {counters.Open - counters.Closed:N0} open, {counters.Closed:N0} closed, {counters.Pongs:N0} pongs sent, {sockets.Count(static s => s.Pings > 0):N0} sockets pinged"));
            }

            var idleCpu = (gateway.Process.ProcessorTime() - cpuBefore).TotalSeconds / hold.Elapsed.TotalSeconds;
            var siloIdleCpu = deployment.Silo is { } silo ? (silo.Process.ProcessorTime() - siloCpuBefore).TotalSeconds / hold.Elapsed.TotalSeconds : 0;
            var end = await deployment.ReadAsync(cancellationToken);
            log.WriteLine($"  end:    {end.Describe()}");
            return new SocketsResult
            {
                Topology = topology,
                Gateway = ProcessResult(before.Gateway, after.Gateway, end.Gateway, idleCpu, deployment.GatewaySettings),
                Silo = deployment.Silo is null ? null : ProcessResult(before.Silo!.Value, after.Silo!.Value, end.Silo!.Value, siloIdleCpu, deployment.SiloSettings!),
                Requested = cap.Requested,
                Wanted = count,
                CapReason = cap.Reason,
                Opened = counters.Open,
                ClosedDuringHold = counters.Closed - closedAtStart,
                OpenAtEnd = sockets.Count(static s => !s.IsClosed),
                SocketsPinged = sockets.Count(static s => s.Pings > 0),
                Pongs = counters.Pongs,
                SourceAddresses = sources,
                FileLimit = cap.FileLimit,
                SignInTime = signIn.Elapsed,
                ConnectTime = connect.Elapsed,
                Hold = hold.Elapsed,
                BenchRss = benchRss,
                SockStat = (sockStatBefore, sockStatAfter),
            };
        }
        finally
        {
            // Stop the gateway first (its end closes every connection at once), then drop the client sockets; the
            // silo and redis-server (standalone) follow when the deployment is disposed.
            await gateway.DisposeAsync();
            foreach (var socket in sockets)
            {
                socket?.Dispose();
            }
        }
    }

    private static async Task<IdleWebSocket> ConnectWithRetryAsync(IPAddress source, IPEndPoint server, string token, IdleSocketCounters counters, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await IdleWebSocket.ConnectAsync(source, server, token, counters, cancellationToken);
            }
            catch (Exception exception) when (attempt < 3 && exception is System.Net.Sockets.SocketException or IOException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(200 * attempt, cancellationToken);
            }
        }
    }

    private static string Describe(ProcMemory memory, HeapProbe heap) => string.Create(CultureInfo.InvariantCulture,
        $"RSS {Mib(memory.Rss)}, anon {Mib(memory.RssAnon)}, private {Mib(memory.PrivateBytes)}, managed heap {Mib(heap.HeapBytes)} (GC committed {Mib(heap.CommittedBytes)}), {memory.Threads} threads, {memory.FileDescriptors:N0} fds");

    /// <summary>Bytes as MiB.</summary>
    public static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):N1} MiB");

    private static Dictionary<string, string> Redact(Dictionary<string, string> settings) =>
        settings.ToDictionary(static s => s.Key, static s => s.Key == "Auth:SigningKey" ? Redacted : s.Value, StringComparer.Ordinal);

    /// <summary>The sockets attempted in every topology, and why fewer than requested.</summary>
    private sealed record SocketCount(int Requested, int Wanted, string? Reason, string FileLimit);

    /// <summary>One process's readings before, with all sockets open and at the end of the hold, as a result.</summary>
    private static SocketsProcessResult ProcessResult(ProcessReading before, ProcessReading after, ProcessReading end, double idleCpuShare, IReadOnlyDictionary<string, string> settings) => new()
    {
        Before = before.Memory,
        After = after.Memory,
        End = end.Memory,
        HeapBefore = before.Heap,
        HeapAfter = after.Heap,
        HeapEnd = end.Heap,
        IdleCpuShare = idleCpuShare,
        Settings = settings,
    };

    /// <summary>One process's figures at one moment.</summary>
    private readonly record struct ProcessReading(ProcMemory Memory, HeapProbe Heap);

    /// <summary>The gateway's and (standalone) the silo's figures at one moment.</summary>
    private readonly record struct Reading(ProcessReading Gateway, ProcessReading? Silo)
    {
        public string Describe() => Silo is { } silo
            ? $"gateway {SocketsScenario.Describe(Gateway.Memory, Gateway.Heap)}\n          silo    {SocketsScenario.Describe(silo.Memory, silo.Heap)}"
            : SocketsScenario.Describe(Gateway.Memory, Gateway.Heap);
    }

    /// <summary>The processes of one topology, stopped (gateway, silo, redis-server) when disposed.</summary>
    private sealed class Deployment : IAsyncDisposable
    {
        private Deployment(GatewayProcess gateway, IReadOnlyDictionary<string, string> gatewaySettings, GatewayProcess? silo, IReadOnlyDictionary<string, string>? siloSettings, RedisServer? redis)
        {
            Gateway = gateway;
            GatewaySettings = gatewaySettings;
            Silo = silo;
            SiloSettings = siloSettings;
            Redis = redis;
        }

        public GatewayProcess Gateway { get; }

        public IReadOnlyDictionary<string, string> GatewaySettings { get; }

        public GatewayProcess? Silo { get; }

        public IReadOnlyDictionary<string, string>? SiloSettings { get; }

        public RedisServer? Redis { get; }

        public static async Task<Deployment> StartAsync(SocketsTopology topology, TextWriter log, CancellationToken cancellationToken)
        {
            if (topology == SocketsTopology.CoHosted)
            {
                var settings = GatewaySocketSettings();
                return new Deployment(await GatewayProcess.StartAsync(settings, withProbe: true, cancellationToken), settings, null, null, null);
            }

            // Started one after the other: the probe's environment variables are set only while a host starts.
            RedisServer? redis = null;
            GatewayProcess? silo = null;
            try
            {
                redis = await RedisServer.StartAsync(cancellationToken);
                var clusterId = "bench-ws-" + Guid.NewGuid().ToString("N")[..12];
                var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
                var siloSettings = StandaloneSiloSettings(redis.ConnectionString, clusterId, signingKey);
                log.WriteLine($"  redis-server pid {redis.Process.Id} on port {redis.Port}; starting the silo (gateway disabled)...");
                silo = await GatewayProcess.StartHostAsync("silo", SiloProcess.HostPath, siloSettings, withSiloPort: true, withProbe: true, null, cancellationToken);
                log.WriteLine("  starting the standalone gateway (GameCluster.Gateway.dll, cluster client)...");
                var gatewaySettings = StandaloneGatewaySettings(redis.ConnectionString, clusterId, signingKey);
                var gateway = await GatewayProcess.StartHostAsync("gateway", GatewayProcess.StandaloneHostPath, gatewaySettings, withSiloPort: false, withProbe: true, null, cancellationToken);
                return new Deployment(gateway, Redact(gatewaySettings), silo, Redact(siloSettings), redis);
            }
            catch
            {
                if (silo is not null)
                {
                    await silo.DisposeAsync();
                }

                if (redis is not null)
                {
                    await redis.DisposeAsync();
                }

                throw;
            }
        }

        /// <summary>Probes the gateway's heap and reads its <c>/proc</c> figures, then the silo's.</summary>
        public async Task<Reading> ReadAsync(CancellationToken cancellationToken)
        {
            var gatewayHeap = await Gateway.ProbeHeapAsync(cancellationToken);
            var gateway = new ProcessReading(ProcMemory.Read(Gateway.Process.Id), gatewayHeap);
            if (Silo is null)
            {
                return new Reading(gateway, null);
            }

            var siloHeap = await Silo.ProbeHeapAsync(cancellationToken);
            return new Reading(gateway, new ProcessReading(ProcMemory.Read(Silo.Process.Id), siloHeap));
        }

        public async ValueTask DisposeAsync()
        {
            await Gateway.DisposeAsync();
            if (Silo is not null)
            {
                await Silo.DisposeAsync();
            }

            if (Redis is not null)
            {
                await Redis.DisposeAsync();
            }
        }
    }
}
