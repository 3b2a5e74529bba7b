using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace GameCluster.Bench.CrossSilo;

/// <summary>
/// The raw TCP reference's caller: request/response over one connection, correlated by slot, built like the
/// runtime's own connection but with nothing else: callers queue frames into a bounded channel (10,000, the runtime's
/// default outbound queue), one writer loop drains it into a 64 KiB <see cref="PipeWriter"/> and flushes once per
/// drain (the runtime's batching), one reader loop completes each caller's
/// <see cref="TaskCompletionSource{TResult}"/> (continuations asynchronous, as the runtime's response completion).
/// </summary>
public sealed class TcpEchoClient : IAsyncDisposable
{
    private const int OutboundCapacity = 10_000;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Channel<(int Slot, int Value)> _outbound = Channel.CreateBounded<(int Slot, int Value)>(new BoundedChannelOptions(OutboundCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly TaskCompletionSource<int>?[] _pending;
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _reading;
    private readonly Task _writing;

    private TcpEchoClient(Socket socket, int slots)
    {
        _socket = socket;
        _pending = new TaskCompletionSource<int>?[slots];
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reading = ReadLoopAsync(PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024)));
        _writing = WriteLoopAsync(PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024)));
    }

    /// <summary>Connects to the echo server; <paramref name="slots"/> is the most calls that may be in flight.</summary>
    public static async Task<TcpEchoClient> ConnectAsync(IPEndPoint server, int slots, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new TcpEchoClient(socket, slots);
    }

    /// <summary>Sends <paramref name="value"/> as call <paramref name="slot"/> and returns the echoed value (<paramref name="target"/> is ignored: one server).</summary>
    public Task<int> CallAsync(int slot, int target, int value)
    {
        var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pending[slot], completion);
        if (!_outbound.Writer.TryWrite((slot, value)))
        {
            return SendWhenRoomAsync(slot, value, completion);
        }

        return completion.Task;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _outbound.Writer.TryComplete();
        await _closing.CancelAsync();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        await Task.WhenAll(_reading, _writing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stream.DisposeAsync();
        _socket.Dispose();
        _closing.Dispose();
    }

    private async Task<int> SendWhenRoomAsync(int slot, int value, TaskCompletionSource<int> completion)
    {
        await _outbound.Writer.WriteAsync((slot, value), _closing.Token);
        return await completion.Task;
    }

    private async Task WriteLoopAsync(PipeWriter output)
    {
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token))
            {
                while (reader.TryRead(out var call))
                {
                    EchoFrame.Write(output.GetSpan(EchoFrame.Length), call.Slot, call.Value);
                    output.Advance(EchoFrame.Length);
                    if (output.UnflushedBytes >= 64 * 1024)
                    {
                        await output.FlushAsync(_closing.Token);
                    }
                }

                await output.FlushAsync(_closing.Token);
            }
        }
        catch (Exception exception)
        {
            FailPending(exception);
            throw;
        }
    }

    private async Task ReadLoopAsync(PipeReader input)
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(_closing.Token);
                var buffer = result.Buffer;
                while (buffer.Length >= EchoFrame.Length)
                {
                    Complete(buffer.Slice(0, EchoFrame.Length));
                    buffer = buffer.Slice(EchoFrame.Length);
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    throw new IOException("The echo server closed the connection.");
                }
            }
        }
        catch (Exception exception)
        {
            FailPending(exception);
            throw;
        }
    }

    private void Complete(ReadOnlySequence<byte> frame)
    {
        Span<byte> bytes = stackalloc byte[EchoFrame.Length];
        frame.CopyTo(bytes);
        var (slot, value) = EchoFrame.Read(bytes);
        Interlocked.Exchange(ref _pending[slot], null)?.TrySetResult(value);
    }

    private void FailPending(Exception exception)
    {
        for (var i = 0; i < _pending.Length; i++)
        {
            Interlocked.Exchange(ref _pending[i], null)?.TrySetException(new IOException("The echo connection failed.", exception));
        }
    }
}
