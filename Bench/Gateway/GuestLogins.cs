using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GameCluster.Bench.Gateway;

/// <summary>A guest player signed in over HTTP: its player id and access token.</summary>
/// <param name="PlayerId">The player id the gateway created for the device.</param>
/// <param name="AccessToken">The JWT access token (sent as <c>access_token</c> when the socket connects).</param>
public sealed record GuestPlayer(string PlayerId, string AccessToken);

/// <summary>Signs in many distinct guest devices through <c>POST /api/v1/auth/guest</c>, in parallel over keep-alive connections.</summary>
public static class GuestLogins
{
    /// <summary>
    /// Signs in <paramref name="count"/> devices <c>{prefix}-0</c> .. <c>{prefix}-{count-1}</c> with
    /// <paramref name="parallelism"/> requests in flight; every device gets its own player. Each answer must be 200.
    /// </summary>
    public static async Task<GuestPlayer[]> SignInAsync(Uri gateway, string prefix, int count, int parallelism, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = parallelism, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        var players = new GuestPlayer[count];
        var done = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var deviceId = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}");
            using var response = await http.PostAsJsonAsync(new Uri("/api/v1/auth/guest", UriKind.Relative), new { deviceId }, token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"Guest sign-in of {deviceId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(token));
            var root = document.RootElement;
            players[i] = new GuestPlayer(root.GetProperty("playerId").GetString()!, root.GetProperty("accessToken").GetString()!);
            var signedIn = Interlocked.Increment(ref done);
            if (signedIn % 10_000 == 0)
            {
                progress?.Report(signedIn);
            }
        });
        var distinct = players.Select(static p => p.PlayerId).Distinct(StringComparer.Ordinal).Count();
        if (distinct != count)
        {
            throw new InvalidOperationException($"{count} devices signed in as only {distinct} distinct players.");
        }

        return players;
    }
}
