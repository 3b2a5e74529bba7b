using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GameCluster.Bench.Hosting;

/// <summary>
/// A process this bench started (silo, redis-server, TCP echo server): its output is kept for error messages, and it
/// is killed (by its id, with its own children) when disposed, when the bench is interrupted, or at the latest when
/// the bench process exits.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptOutputChars = 16_000;
    private static readonly ConcurrentDictionary<ChildProcess, byte> Running = new();
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>A short name for messages.</summary>
    public string Name { get; }

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The standard input (only when started with <c>redirectInput</c>; the child sees end of file when the bench dies).</summary>
    public StreamWriter StandardInput => _process.StandardInput;

    /// <summary>The last lines the process wrote (standard output and error).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Raised for every line the process writes.</summary>
    public event Action<string>? LineReceived;

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string? workingDirectory = null, bool redirectInput = false)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        Running[child] = 0;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Processor time the process has used so far (user and system, all threads).</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Whether any child started by this process has not been disposed yet.</summary>
    public static bool AnyRunning => !Running.IsEmpty;

    /// <summary>Kills every child still running (Ctrl+C, SIGTERM, exit); safe to call more than once.</summary>
    public static void KillAll()
    {
        foreach (var child in Running.Keys)
        {
            child.Kill();
        }
    }

    /// <summary>Kills the process (and anything it started) and waits for it to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{Name} (pid {Id}) did not exit within 10 s of being killed.");
        }

        Running.TryRemove(this, out _);
        _process.Dispose();
    }

    /// <summary>Polls <c>GET /health</c> at <paramref name="baseAddress"/> until it answers 200; fails if the process exits or 90 s pass.</summary>
    public async Task WaitHealthyAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{Name} exited during start-up: {Describe()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == System.Net.HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The request timed out; try again.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not become healthy within 90 s: {Describe()}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>A description of the process's end for an error message.</summary>
    public string Describe() => HasExited
        ? string.Create(CultureInfo.InvariantCulture, $"{Name} (pid {Id}) exited with code {_process.ExitCode}; its last output:\n{Output}")
        : string.Create(CultureInfo.InvariantCulture, $"{Name} (pid {Id}) is running; its last output:\n{Output}");

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting at this moment.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > KeptOutputChars)
            {
                _output.Remove(0, _output.Length - KeptOutputChars);
            }
        }

        LineReceived?.Invoke(line);
    }
}
