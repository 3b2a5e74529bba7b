using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.Cluster;

/// <summary>
/// A throwaway redis-server of one test, on a free loopback port, without persistence: it can be killed, paused
/// and restarted on the same port. Always stopped (and its folder removed) on dispose.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string _directory;
    private Process? _process;
    private bool _paused;

    private RedisServerProcess(int port)
    {
        Port = port;
        _directory = Path.Combine(Path.GetTempPath(), $"gamecluster-redis-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(_directory);
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A server on a free port that is not started yet.</summary>
    public static RedisServerProcess OnFreePort() => new(FreePort());

    /// <summary>Starts a server on a free port and waits until it answers.</summary>
    public static async Task<RedisServerProcess> StartNewAsync(CancellationToken cancellationToken)
    {
        var server = OnFreePort();
        try
        {
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again, on the same port) and waits until it answers PING.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The Redis server is already running.");
        }

        var executable = TestServices.RedisServerExecutable;
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--dir", _directory, "--logfile", Path.Combine(_directory, "redis.log"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Could not start '{executable}' ({e.Message}): set GAMECLUSTER_TEST_REDIS_SERVER to the redis-server binary or put it on PATH (./test.sh does).", e);
        }

        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!await AnswersPingAsync(cancellationToken))
        {
            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                var log = File.Exists(Path.Combine(_directory, "redis.log")) ? await File.ReadAllTextAsync(Path.Combine(_directory, "redis.log"), cancellationToken) : "(no log)";
                throw new InvalidOperationException($"redis-server on port {Port} did not start (exited: {_process.HasExited}). Log:\n{log}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would; its data is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            if (_paused)
            {
                await SignalAsync("-CONT");
                _paused = false;
            }

            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open but nothing answers, as with a hung Redis.</summary>
    public async Task PauseAsync()
    {
        await SignalAsync("-STOP");
        _paused = true;
    }

    /// <summary>Lets a paused server run again (SIGCONT).</summary>
    public async Task ResumeAsync()
    {
        await SignalAsync("-CONT");
        _paused = false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process?.Dispose();
            try
            {
                System.IO.Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the temp folder is only a log file.
            }
        }
    }

    private async Task SignalAsync(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("The Redis server was never started.");
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { signal, process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {process.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
