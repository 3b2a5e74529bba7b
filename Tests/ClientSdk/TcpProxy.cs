using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace GameCluster.Tests.ClientSdk;

/// <summary>
/// A loopback TCP forwarder in front of a gateway, so a test can cut live connections (RST) the way a network
/// failure would, or hold traffic so that a request stays in flight.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly ConcurrentDictionary<int, (TcpClient Inbound, TcpClient Outbound)> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _nextId;
    private int _disposed;
    private volatile bool _paused;

    public TcpProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's HTTP base URI.</summary>
    public Uri Uri { get; }

    /// <summary>Connections forwarded right now.</summary>
    public int Count => _connections.Count;

    /// <summary>Holds all traffic (both directions) until <see cref="Resume"/>.</summary>
    public void Pause() => _paused = true;

    public void Resume() => _paused = false;

    /// <summary>Resets every forwarded connection, as a broken network would.</summary>
    public void DropAll()
    {
        foreach (var (id, pair) in _connections)
        {
            Close(pair.Inbound, reset: true);
            Close(pair.Outbound, reset: true);
            _connections.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            }
            catch (SocketException)
            {
                Close(inbound, reset: true);
                outbound.Dispose();
                continue;
            }

            var id = Interlocked.Increment(ref _nextId);
            _connections[id] = (inbound, outbound);
            _ = PumpAsync(id, inbound, outbound);
            _ = PumpAsync(id, outbound, inbound);
        }
    }

    private async Task PumpAsync(int id, TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            while (true)
            {
                var read = await source.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                while (_paused && !_stop.IsCancellationRequested)
                {
                    await Task.Delay(10, _stop.Token);
                }

                await target.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
        }
        finally
        {
            if (_connections.TryRemove(id, out var pair))
            {
                Close(pair.Inbound, reset: false);
                Close(pair.Outbound, reset: false);
            }
        }
    }

    private static void Close(TcpClient client, bool reset)
    {
        try
        {
            if (reset && client.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            client.Dispose();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }
}
