using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GameCluster.Bench.Gateway;

/// <summary>Counters shared by all idle sockets of a run.</summary>
public sealed class IdleSocketCounters
{
    private long _open;
    private long _closed;
    private long _pongs;

    /// <summary>Sockets that completed the handshake and received their welcome.</summary>
    public long Open => Volatile.Read(ref _open);

    /// <summary>Sockets that were open and then closed (by the server or a broken connection).</summary>
    public long Closed => Volatile.Read(ref _closed);

    /// <summary>Pongs sent in answer to the server's pings.</summary>
    public long Pongs => Volatile.Read(ref _pongs);

    internal void Opened() => Interlocked.Increment(ref _open);

    internal void Lost() => Interlocked.Increment(ref _closed);

    internal void Ponged() => Interlocked.Increment(ref _pongs);
}

/// <summary>
/// A minimal hand-rolled WebSocket client for holding many idle sockets cheaply in the bench process: a raw
/// <see cref="Socket"/> bound to a chosen loopback source address (so that 100,000 connections to one server port do not
/// exhaust one address's ephemeral ports), the HTTP/1.1 upgrade with the access token in the query, and then one receive
/// loop that answers every server ping with a (masked) pong and ignores everything else. It never sends data messages.
/// Server frames are never masked; control frames carry at most 125 bytes, so a 512-byte buffer always holds a ping.
/// </summary>
public sealed class IdleWebSocket : IDisposable
{
    private const int BufferBytes = 512;
    private const byte OpcodeText = 0x1;
    private const byte OpcodeClose = 0x8;
    private const byte OpcodePing = 0x9;

    private readonly Socket _socket;
    private readonly IdleSocketCounters _counters;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _filled;
    private long _skip;
    private int _texts;
    private int _closed;

    private IdleWebSocket(Socket socket, IdleSocketCounters counters)
    {
        _socket = socket;
        _counters = counters;
    }

    /// <summary>Pings this socket answered.</summary>
    public int Pings { get; private set; }

    /// <summary>Whether the connection has ended.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>The receive loop (ends when the connection ends).</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Connects from <paramref name="source"/> to <paramref name="server"/>, upgrades <c>/ws</c> with
    /// <paramref name="accessToken"/>, waits for the welcome message, then keeps answering pings in the background.
    /// </summary>
    public static async Task<IdleWebSocket> ConnectAsync(IPAddress source, IPEndPoint server, string accessToken, IdleSocketCounters counters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(counters);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var idle = new IdleWebSocket(socket, counters);
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(server, cancellationToken);
            var request = Encoding.ASCII.GetBytes(
                $"GET /ws?access_token={Uri.EscapeDataString(accessToken)} HTTP/1.1\r\nHost: {server}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            await socket.SendAsync(request, SocketFlags.None, cancellationToken);
            await idle.HandshakeAsync(cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        counters.Opened();
        idle.Running = idle.ReceiveLoopAsync();
        return idle;
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        // The response head, then frames until the welcome (a text message) has arrived.
        while (true)
        {
            var received = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None, cancellationToken);
            if (received == 0)
            {
                throw new IOException($"The gateway closed the connection during the upgrade: {Encoding.ASCII.GetString(_buffer, 0, _filled)}");
            }

            _filled += received;
            var end = _buffer.AsSpan(0, _filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                if (!_buffer.AsSpan(0, end).StartsWith("HTTP/1.1 101"u8))
                {
                    throw new IOException($"The gateway refused the upgrade: {Encoding.ASCII.GetString(_buffer, 0, Math.Min(end, 200))}");
                }

                Consume(end + 4);
                break;
            }

            if (_filled == _buffer.Length)
            {
                throw new IOException("The upgrade response head is too long.");
            }
        }

        while (true)
        {
            await ProcessFramesAsync();
            if (_texts > 0)
            {
                return;
            }

            if (IsClosed)
            {
                throw new IOException("The gateway closed the socket before the welcome.");
            }

            var received = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None, cancellationToken);
            if (received == 0)
            {
                throw new IOException("The gateway closed the connection before the welcome.");
            }

            _filled += received;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!IsClosed)
            {
                var received = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None);
                if (received == 0)
                {
                    break;
                }

                _filled += received;
                await ProcessFramesAsync();
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or IOException)
        {
        }

        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _counters.Lost();
        }
    }

    /// <summary>Consumes every complete frame in the buffer (answering pings); keeps a partial frame's bytes for later.</summary>
    private async ValueTask ProcessFramesAsync()
    {
        var position = 0;
        while (true)
        {
            if (_skip > 0)
            {
                var take = (int)Math.Min(_skip, _filled - position);
                _skip -= take;
                position += take;
                if (_skip > 0)
                {
                    break;
                }

                continue;
            }

            var available = _filled - position;
            if (available < 2)
            {
                break;
            }

            var opcode = (byte)(_buffer[position] & 0x0F);
            long length = _buffer[position + 1] & 0x7F;
            var header = 2;
            if (length == 126)
            {
                if (available < 4)
                {
                    break;
                }

                length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(position + 2));
                header = 4;
            }
            else if (length == 127)
            {
                if (available < 10)
                {
                    break;
                }

                length = (long)BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(position + 2));
                header = 10;
            }

            if (opcode == OpcodePing)
            {
                if (available < header + length)
                {
                    break;
                }

                await SendPongAsync(_buffer.AsMemory(position + header, (int)length));
                position += header + (int)length;
            }
            else if (opcode == OpcodeClose)
            {
                Interlocked.Exchange(ref _closed, 1);
                if (_texts > 0)
                {
                    _counters.Lost();
                }

                return;
            }
            else
            {
                if (opcode == OpcodeText)
                {
                    _texts++;
                }

                position += header;
                _skip = length;
            }
        }

        Consume(position);
    }

    private void Consume(int count)
    {
        _buffer.AsSpan(count, _filled - count).CopyTo(_buffer);
        _filled -= count;
    }

    private async ValueTask SendPongAsync(ReadOnlyMemory<byte> payload)
    {
        // FIN + pong, masked (a client must mask) with an all-zero key, which leaves the payload as it is.
        var frame = new byte[6 + payload.Length];
        frame[0] = 0x8A;
        frame[1] = (byte)(0x80 | payload.Length);
        payload.CopyTo(frame.AsMemory(6));
        await _socket.SendAsync(frame, SocketFlags.None);
        Pings++;
        _counters.Ponged();
    }
}
