using System.Globalization;
using System.Net;
using GameCluster.Bench.Hosting;

namespace GameCluster.Bench.CrossSilo;

/// <summary>The raw TCP reference's server as a child process: this bench's own executable in <c>tcp-echo-server</c> mode.</summary>
public sealed class TcpEchoServerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private TcpEchoServerProcess(ChildProcess process, IPEndPoint endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>The process, for its processor time.</summary>
    public ChildProcess Process => _process;

    /// <summary>Starts the server on a port of its choosing and waits until it listens.</summary>
    public static async Task<TcpEchoServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bench = typeof(TcpEchoServer).Assembly.Location;
        var process = ChildProcess.Start("tcp-echo-server", "dotnet", [bench, "tcp-echo-server", "0"], redirectInput: true);
        process.LineReceived += line =>
        {
            if (line.StartsWith(TcpEchoServer.ReadyLine, StringComparison.Ordinal))
            {
                ready.TrySetResult(int.Parse(line.AsSpan(TcpEchoServer.ReadyLine.Length), CultureInfo.InvariantCulture));
            }
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (!ready.Task.IsCompleted)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The echo server did not start: {process.Describe()}");
                }

                await Task.WhenAny(ready.Task, Task.Delay(100, timeout.Token));
            }

            return new TcpEchoServerProcess(process, new IPEndPoint(IPAddress.Loopback, await ready.Task));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
