using GameCluster.Client;

namespace GameCluster.Tests.ClientSdk;

/// <summary>Small helpers for SDK tests.</summary>
public static class Sdk
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static string NewDeviceId() => "dev-" + Guid.NewGuid().ToString("N");

    /// <summary>A client signed in as a new guest.</summary>
    public static async Task<GameClient> GuestAsync(Uri gateway, GameClientOptions? options = null, string? deviceId = null)
    {
        var client = new GameClient(gateway, options);
        await client.LoginAsGuestAsync(deviceId ?? NewDeviceId(), Cancel);
        return client;
    }

    /// <summary>Reads exactly <paramref name="count"/> pushes from the connection's stream, failing after <see cref="WaitLimit"/>.</summary>
    public static async Task<List<Push>> ReadPushesAsync(RealtimeConnection connection, int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(WaitLimit);
        List<Push> pushes = [];
        if (count == 0)
        {
            return pushes;
        }

        await foreach (var push in connection.ReadPushesAsync(timeout.Token))
        {
            pushes.Add(push);
            if (pushes.Count == count)
            {
                break;
            }
        }

        return pushes;
    }

    /// <summary>Waits (polling) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting: " + what);
            await Task.Delay(20, Cancel);
        }
    }
}
