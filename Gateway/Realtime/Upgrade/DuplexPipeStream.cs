using System.Buffers;
using System.IO.Pipelines;

namespace GameCluster.Gateway.Realtime.Upgrade;

/// <summary>
/// A connection's transport pipes as one <see cref="Stream"/>, for
/// <see cref="System.Net.WebSockets.WebSocket.CreateFromStream(Stream, System.Net.WebSockets.WebSocketCreationOptions)"/>.
/// Disposing it (which is how a WebSocket aborts, e.g. at its keepalive timeout) wakes a pending read or write, which
/// then fails; the connection itself closes when its middleware returns.
/// </summary>
public sealed class DuplexPipeStream(IDuplexPipe transport) : Stream
{
    private volatile bool _disposed;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var result = await transport.Input.ReadAsync(cancellationToken);
            var data = result.Buffer;
            if (result.IsCanceled || _disposed)
            {
                transport.Input.AdvanceTo(data.Start);
                throw new IOException("The connection was aborted.");
            }

            if (data.IsEmpty && result.IsCompleted)
            {
                transport.Input.AdvanceTo(data.End);
                return 0;
            }

            if (data.IsEmpty)
            {
                transport.Input.AdvanceTo(data.End);
                continue;
            }

            // A zero-byte read only waits for data; it consumes nothing, so the next read sees the same bytes at once.
            var count = (int)Math.Min(buffer.Length, data.Length);
            data.Slice(0, count).CopyTo(buffer.Span);
            transport.Input.AdvanceTo(data.GetPosition(count));
            return count;
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = await transport.Output.WriteAsync(buffer, cancellationToken);
        if (result.IsCanceled || result.IsCompleted || _disposed)
        {
            throw new IOException("The connection is closed.");
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async Task FlushAsync(CancellationToken cancellationToken) => await transport.Output.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override void Flush() => throw new NotSupportedException("Synchronous I/O is not supported.");

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Synchronous I/O is not supported.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Synchronous I/O is not supported.");

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            transport.Input.CancelPendingRead();
            transport.Output.CancelPendingFlush();
        }

        base.Dispose(disposing);
    }
}
