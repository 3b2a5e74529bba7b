using System.Globalization;
using System.Net;
using GameCluster.Bench.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GameCluster.Bench.Gateway;

/// <summary>The reply of the plain endpoint: the same fields and about the same size as the gateway's profile result.</summary>
/// <param name="PlayerId">A fixed player id.</param>
/// <param name="DisplayName">A fixed name.</param>
/// <param name="Counter">A fixed counter.</param>
/// <param name="UpdatedAt">The time of the request.</param>
public sealed record PlainProfile(string PlayerId, string DisplayName, long Counter, DateTimeOffset UpdatedAt);

/// <summary>
/// The reference of the <c>gateway</c> scenario: a plain Kestrel JSON endpoint, <c>GET /plain</c> returning a small
/// object from a minimal API, in its own <see cref="WebApplication"/> (the default builder, as the silo host uses, with
/// logging at Warning) on 127.0.0.1. Runs as this bench's executable in <c>plain-http-server PORT</c> mode and stops
/// when its standard input closes.
/// </summary>
public static class PlainHttpServer
{
    /// <summary>The line printed once listening, followed by the port.</summary>
    public const string ReadyLine = "plain-http-server listening on port ";

    /// <summary>Serves until standard input closes.</summary>
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        await using var app = builder.Build();
        var started = DateTimeOffset.UtcNow;
        app.MapGet("/plain", () => new PlainProfile("0f8e6c3a9d2b4e71a5c6d7e8f9012345", "Guest 12345", 42, started));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(ReadyLine + new Uri(address).Port.ToString(CultureInfo.InvariantCulture));
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }
}

/// <summary><see cref="PlainHttpServer"/> as a child process.</summary>
public sealed class PlainHttpServerProcess : IAsyncDisposable
{
    private PlainHttpServerProcess(ChildProcess process, int port)
    {
        Process = process;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    /// <summary>The process.</summary>
    public ChildProcess Process { get; }

    /// <summary>Where it listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts the server on a port of its choosing and waits until it listens.</summary>
    public static async Task<PlainHttpServerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = ChildProcess.Start("plain-http-server", "dotnet", [typeof(PlainHttpServer).Assembly.Location, "plain-http-server", "0"], redirectInput: true);
        process.LineReceived += line =>
        {
            if (line.StartsWith(PlainHttpServer.ReadyLine, StringComparison.Ordinal))
            {
                ready.TrySetResult(int.Parse(line.AsSpan(PlainHttpServer.ReadyLine.Length), CultureInfo.InvariantCulture));
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
                    throw new InvalidOperationException($"The plain HTTP server did not start: {process.Describe()}");
                }

                await Task.WhenAny(ready.Task, Task.Delay(100, timeout.Token));
            }

            return new PlainHttpServerProcess(process, await ready.Task);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
