using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GameCluster.Tests.Execution;

/// <summary>Runs the silo host the way the README's run command does, as a real process with its embedded defaults.</summary>
public sealed class SiloProcessTests : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("gamecluster-silo-").FullName;

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);

    [Fact]
    public async Task SiloHost_StartsWithEmbeddedDefaults_ServesHealth_AndStopsGracefullyOnSigterm()
    {
        var port = FreePort();
        var siloDll = Path.Combine(AppContext.BaseDirectory, "GameCluster.Silo.dll");
        var output = new StringBuilder();
        using var process = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { siloDll, "--urls", $"http://127.0.0.1:{port}" },
                WorkingDirectory = _workDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            await WaitForHealthyAsync(http, process, output);
            var info = await http.GetStringAsync("/api/v1/info", TestContext.Current.CancellationToken);
            Assert.Contains("gamecluster", info, StringComparison.Ordinal);

            // SIGTERM, as Kubernetes and systemd send: a process started in the background inherits SIGINT ignored,
            // so Ctrl+C by signal only works from a terminal, while SIGTERM works wherever the tests run.
            using (var interrupt = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exit.Token);
            Assert.Equal(0, process.ExitCode);
            lock (output)
            {
                Assert.Contains("Silo stopped", output.ToString(), StringComparison.Ordinal);
            }

            Assert.True(File.Exists(Path.Combine(_workDirectory, "data", "gamecluster.db")), "the SQLite file lives under ./data");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task WaitForHealthyAsync(HttpClient http, Process process, StringBuilder output)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            Assert.False(process.HasExited, $"the silo exited early: {output}");
            try
            {
                using var response = await http.GetAsync("/health", TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"the silo did not become healthy: {output}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
