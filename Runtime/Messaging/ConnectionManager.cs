using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using GameCluster.Invocation;
using GameCluster.Membership;
using GameCluster.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.Messaging;

/// <summary>
/// This process's connections: one outbound connection per remote silo (created on first send, replaced after it
/// closes), the inbound connections accepted from silos and clients, and liveness probes over them.
/// </summary>
internal sealed partial class ConnectionManager(
    MessageCenter center,
    CallTimeoutTracker pending,
    IOptions<MessagingOptions> options,
    ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, Connection> _outbound = new();
    private readonly ConcurrentDictionary<Connection, byte> _inbound = new();
    private readonly ConcurrentDictionary<string, Connection> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _pings = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<ConnectionManager>();
    private readonly ILogger _connectionLogger = loggerFactory.CreateLogger<Connection>();
    private readonly MessagingOptions _options = options.Value;
    private Socket? _listener;
    private long _nextPingId;
    private volatile bool _disposed;

    /// <summary>This silo, or <see langword="null"/> in a client.</summary>
    public SiloAddress? LocalSilo { get; private set; }

    /// <summary>This client's id, or <see langword="null"/> in a silo.</summary>
    public string? LocalClientId { get; private set; }

    /// <summary>Raised when a connection to or from a silo closes.</summary>
    public event Action<SiloAddress>? SiloConnectionClosed;

    /// <summary>Raised when a client's connection closes.</summary>
    public event Action<string>? ClientConnectionClosed;

    public int OutboundCount => _outbound.Count;

    public void IdentifyAsSilo(SiloAddress silo) => LocalSilo = silo;

    public void IdentifyAsClient(string clientId) => LocalClientId = clientId;

    /// <summary>Starts accepting connections; returns the bound endpoint (useful when the port was 0).</summary>
    public IPEndPoint Listen(IPEndPoint endpoint)
    {
        var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(endpoint);
        listener.Listen(512);
        _listener = listener;
        _ = AcceptLoopAsync(listener);
        return (IPEndPoint)listener.LocalEndPoint!;
    }

    /// <summary>Queues a frame to a silo, connecting first if needed.</summary>
    public void Send(SiloAddress target, in OutboundMessage message)
    {
        if (_disposed)
        {
            throw new SiloUnavailableException("This process is shutting down its connections.");
        }

        if (_outbound.TryGetValue(target, out var connection) && connection.IsClosed)
        {
            _outbound.TryRemove(KeyValuePair.Create(target, connection));
            connection = null;
        }

        if (connection is null && !_outbound.TryGetValue(target, out connection))
        {
            var created = Connection.Outbound(this, center, _options, _connectionLogger, target);
            connection = _outbound.GetOrAdd(target, created);
            if (ReferenceEquals(connection, created))
            {
                created.Start(new OutboundMessage(MessageKind.Handshake, Silo: LocalSilo, ClientId: LocalClientId, TargetSilo: target));
            }
        }

        connection.Send(message);
    }

    /// <summary>Sends a request to a silo and tracks it so that the silo's loss fails it at once.</summary>
    public void SendRequest(SiloAddress target, RequestBase request)
    {
        request.TargetSilo = target;
        Send(target, new OutboundMessage(request.Metadata.IsOneWay ? MessageKind.OneWayRequest : MessageKind.Request, request, CorrelationId: request.CorrelationId));
    }

    /// <summary>The connection of a connected client, or <see langword="null"/>.</summary>
    public Connection? FindClient(string clientId) => _clients.GetValueOrDefault(clientId);

    /// <summary>Probes a silo; true when it answered within <paramref name="timeout"/>.</summary>
    public async Task<bool> PingAsync(SiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextPingId);
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pings[id] = answered;
        try
        {
            Send(silo, new OutboundMessage(MessageKind.Ping, CorrelationId: id));
            await answered.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (SiloUnavailableException)
        {
            return false;
        }
        finally
        {
            _pings.TryRemove(id, out _);
        }
    }

    public void CompletePing(long id)
    {
        if (_pings.TryRemove(id, out var answered))
        {
            answered.TrySetResult();
        }
    }

    /// <summary>Closes the connections to a silo (declared dead) and fails the calls waiting on it.</summary>
    public void Disconnect(SiloAddress silo, string reason)
    {
        if (_outbound.TryRemove(silo, out var connection))
        {
            connection.Close(new SiloUnavailableException(reason));
        }

        foreach (var inbound in _inbound.Keys.Where(c => c.RemoteSilo == silo))
        {
            inbound.Close(new SiloUnavailableException(reason));
        }

        pending.FailPendingTo(silo, () => new SiloUnavailableException($"Silo {silo} is gone ({reason}); the call may or may not have run."));
    }

    internal void OnInboundIdentified(Connection connection)
    {
        if (connection.RemoteClientId is { } clientId)
        {
            if (_clients.TryGetValue(clientId, out var previous) && previous != connection)
            {
                previous.Close(new SiloUnavailableException($"Client {clientId} reconnected."));
            }

            _clients[clientId] = connection;
        }
    }

    internal void OnClosed(Connection connection, Exception? reason)
    {
        if (connection.IsOutbound)
        {
            _outbound.TryRemove(KeyValuePair.Create(connection.RemoteSilo!, connection));
            var silo = connection.RemoteSilo!;
            var failed = pending.FailPendingTo(silo, () => new SiloUnavailableException(
                $"Connection to silo {silo} was lost ({reason?.Message ?? "closed"}); the call may or may not have run."));
            if (failed > 0)
            {
                LogFailedPending(_logger, failed, silo);
            }
        }
        else
        {
            _inbound.TryRemove(connection, out _);
            if (connection.RemoteClientId is { } clientId && _clients.TryRemove(KeyValuePair.Create(clientId, connection)))
            {
                ClientConnectionClosed?.Invoke(clientId);
            }
        }

        if (connection.RemoteSilo is { } remote)
        {
            SiloConnectionClosed?.Invoke(remote);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _listener?.Dispose();
        var all = _outbound.Values.Concat(_inbound.Keys).ToList();
        await Task.WhenAll(all.Select(c => c.CloseGracefullyAsync(_options.ConnectTimeout)));
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_disposed)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception) when (!_disposed)
            {
                LogAcceptFailed(_logger, exception);
                continue;
            }
            catch (SocketException)
            {
                return;
            }

            var connection = Connection.Inbound(this, center, _options, _connectionLogger, socket);
            _inbound[connection] = 0;
            connection.Start(new OutboundMessage(MessageKind.Handshake, Silo: LocalSilo));
        }
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Accepting a connection failed")]
    private static partial void LogAcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Failed {Count} calls waiting on silo {Silo}")]
    private static partial void LogFailedPending(ILogger logger, int count, SiloAddress silo);
}
