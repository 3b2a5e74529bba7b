using System.Diagnostics;
using System.Globalization;
using System.Net;
using GameCluster.Bench.Reporting;

namespace GameCluster.Bench.Gateway;

/// <summary>What the sockets scenario measured.</summary>
public sealed record SocketsResult
{
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

    /// <summary>Gateway process before the sockets (after the sign-ins).</summary>
    public required ProcMemory Before { get; init; }

    /// <summary>Gateway process with every socket open.</summary>
    public required ProcMemory After { get; init; }

    /// <summary>Gateway process at the end of the hold.</summary>
    public required ProcMemory End { get; init; }

    /// <summary>Managed heap before (after full compacting collections).</summary>
    public required HeapProbe HeapBefore { get; init; }

    /// <summary>Managed heap with every socket open.</summary>
    public required HeapProbe HeapAfter { get; init; }

    /// <summary>Managed heap at the end of the hold.</summary>
    public required HeapProbe HeapEnd { get; init; }

    /// <summary>Gateway processor time while the sockets were held idle, per second of hold.</summary>
    public required double IdleCpuShare { get; init; }

    /// <summary>The bench process's resident memory with every socket open (the clients' side).</summary>
    public required long BenchRss { get; init; }

    /// <summary>Kernel TCP counters before the sockets and with all open.</summary>
    public required (string Before, string After) SockStat { get; init; }

    /// <summary>The gateway's settings beyond the defaults.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }
}

/// <summary>
/// Holds <c>--sockets</c> (100,000) idle authenticated WebSockets on one gateway process: the silo host co-hosting the
/// gateway as a child process (memory storage, keepalive defaults: ping every 15 s, drop after 25 s without pong), that
/// many distinct guest players signed in over HTTP (one live socket per player is the rule), and
/// <see cref="IdleWebSocket"/>s in this process spread over several loopback source addresses. Memory is read from
/// <c>/proc</c> and, through the bench's startup hook, as the managed heap after full compacting collections.
/// </summary>
public static class SocketsScenario
{
    /// <summary>Sockets per loopback source address (the ephemeral port range is 32768-60999 by default: 28,232 ports).</summary>
    public const int SocketsPerSourceAddress = 20_000;

    /// <summary>Descriptors kept free for everything else a process opens (assemblies, epoll, pipes, HTTP connections).</summary>
    public const int FileDescriptorMargin = 1_500;

    /// <summary>Connections being set up at once (Kestrel's listen backlog is 512).</summary>
    public const int ConnectParallelism = 128;

    /// <summary>Runs the scenario.</summary>
    public static async Task<SocketsResult> RunAsync(BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var count = options.Sockets;
        var limit = FileLimit.RaiseTo((ulong)(count + 20_000));
        log.WriteLine($"  open-file limit of the bench (inherited by the gateway): {limit.Soft}/{limit.Hard}");
        string? capReason = null;
        if (limit.Soft < (ulong)(count + FileDescriptorMargin))
        {
            // Each side (this process and the gateway) needs one descriptor per socket plus its own.
            var capped = (int)Math.Max(0, (long)limit.Soft - FileDescriptorMargin);
            capReason = string.Create(CultureInfo.InvariantCulture,
                $"the open-file hard limit of this environment is {limit.Hard:N0} and raising it failed (setrlimit errno {limit.Error}{(limit.Error == 1 ? ", EPERM, although running as root" : string.Empty)}), so one process can hold at most about {capped:N0} sockets");
            log.WriteLine($"  WARNING: only {capped:N0} of {count:N0} sockets: {capReason}");
            count = Math.Min(count, capped);
        }
        var settings = GatewaySocketSettings();
        await using var gateway = await GatewayProcess.StartAsync(settings, withProbe: true, cancellationToken);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  gateway pid {gateway.Process.Id} on port {gateway.HttpPort}; signing in {count:N0} guests..."));

        var signIn = Stopwatch.StartNew();
        var progress = new Progress<int>(n => log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {n:N0} signed in ({signIn.Elapsed.TotalSeconds:0.0} s)")));
        var players = await GuestLogins.SignInAsync(gateway.BaseAddress, "bench-ws-" + Guid.NewGuid().ToString("N")[..8], count, 64, progress, cancellationToken);
        signIn.Stop();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count:N0} guests signed in in {signIn.Elapsed.TotalSeconds:0.0} s"));

        var heapBefore = await gateway.ProbeHeapAsync(cancellationToken);
        var before = ProcMemory.Read(gateway.Process.Id);
        var sockStatBefore = ProcMemory.SockStat();
        log.WriteLine($"  before: {Describe(before, heapBefore)}");

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

            var heapAfter = await gateway.ProbeHeapAsync(cancellationToken);
            var after = ProcMemory.Read(gateway.Process.Id);
            var sockStatAfter = ProcMemory.SockStat();
            var benchRss = ProcMemory.Read(Environment.ProcessId).Rss;
            log.WriteLine($"  after:  {Describe(after, heapAfter)}");
            log.WriteLine($"  kernel: {sockStatAfter}");

            var hold = Stopwatch.StartNew();
            var closedAtStart = counters.Closed;
            var cpuBefore = gateway.Process.ProcessorTime();
            while (hold.Elapsed < options.Hold)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    hold {hold.Elapsed.TotalSeconds:0} s: {counters.Open - counters.Closed:N0} open, {counters.Closed:N0} closed, {counters.Pongs:N0} pongs sent, {sockets.Count(static s => s.Pings > 0):N0} sockets pinged"));
            }

            var idleCpu = (gateway.Process.ProcessorTime() - cpuBefore).TotalSeconds / hold.Elapsed.TotalSeconds;
            var heapEnd = await gateway.ProbeHeapAsync(cancellationToken);
            var end = ProcMemory.Read(gateway.Process.Id);
            log.WriteLine($"  end:    {Describe(end, heapEnd)}");
            return new SocketsResult
            {
                Requested = options.Sockets,
                Wanted = count,
                CapReason = capReason,
                Opened = counters.Open,
                ClosedDuringHold = counters.Closed - closedAtStart,
                OpenAtEnd = sockets.Count(static s => !s.IsClosed),
                SocketsPinged = sockets.Count(static s => s.Pings > 0),
                Pongs = counters.Pongs,
                SourceAddresses = sources,
                FileLimit = $"{limit.Soft}/{limit.Hard}",
                SignInTime = signIn.Elapsed,
                ConnectTime = connect.Elapsed,
                Hold = hold.Elapsed,
                Before = before,
                After = after,
                End = end,
                HeapBefore = heapBefore,
                HeapAfter = heapAfter,
                HeapEnd = heapEnd,
                IdleCpuShare = idleCpu,
                BenchRss = benchRss,
                SockStat = (sockStatBefore, sockStatAfter),
                Settings = settings,
            };
        }
        finally
        {
            // Stop the gateway first (its end closes every connection at once), then drop the client sockets.
            await gateway.DisposeAsync();
            foreach (var socket in sockets)
            {
                socket?.Dispose();
            }
        }
    }

    /// <summary>The gateway's settings: those of the gateway scenario (memory storage, limits raised), keepalive left at its defaults.</summary>
    public static Dictionary<string, string> GatewaySocketSettings() => GatewayScenario.GatewaySettings();

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
}
