using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace GameCluster.Bench.CrossSilo;

/// <summary>
/// The raw TCP reference's server (<c>dotnet GameCluster.Bench.dll tcp-echo-server PORT</c>, run by the cross-silo
/// scenario as a child process): echoes every length-prefixed frame back on the same connection. Sockets and pipes
/// are set up exactly as the runtime's connections are (<see cref="NetworkStream"/> with a 64 KiB
/// <see cref="PipeReader"/> and <see cref="PipeWriter"/>, Nagle off); the echoed frames of one read are flushed
/// together. It stops when its standard input closes (the bench ended or died) or on SIGTERM/Ctrl+C.
/// </summary>
public static class TcpEchoServer
{
    /// <summary>The line it prints once listening, followed by the port.</summary>
    public const string ReadyLine = "tcp-echo-server listening on port ";

    private const int MaxFrameBytes = 1024 * 1024;

    /// <summary>Serves until stopped; returns the process exit code.</summary>
    public static async Task<int> RunAsync(int port)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(16);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ReadyLine}{((IPEndPoint)listener.LocalEndPoint!).Port}"));
        Console.Out.Flush();

        // The parent holds our standard input: end of file means it is gone.
        _ = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync(stop.Token);
            await stop.CancelAsync();
        });

        List<Task> connections = [];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(stop.Token);
                connections.Add(ServeAsync(socket, stop.Token));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(connections).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return 0;
    }

    private static async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var _ = socket;
        socket.NoDelay = true;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        var output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var echoed = false;
                while (TryReadFrame(ref buffer, out var frame))
                {
                    frame.CopyTo(output.GetSpan((int)frame.Length));
                    output.Advance((int)frame.Length);
                    echoed = true;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (echoed)
                {
                    await output.FlushAsync(cancellationToken);
                }

                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The client went away.
        }
        finally
        {
            await input.CompleteAsync();
            await output.CompleteAsync();
        }
    }

    /// <summary>Takes one whole frame, prefix included, off the front of <paramref name="buffer"/>.</summary>
    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length is <= 0 or > MaxFrameBytes)
        {
            throw new InvalidDataException($"Frame of {length} bytes is outside 1..{MaxFrameBytes}.");
        }

        if (buffer.Length < 4 + length)
        {
            return false;
        }

        frame = buffer.Slice(0, 4 + length);
        buffer = buffer.Slice(4 + length);
        return true;
    }
}
