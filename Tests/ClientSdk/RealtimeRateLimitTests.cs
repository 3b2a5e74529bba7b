using GameCluster.Client;
using GameCluster.Tests.Realtime;
using static GameCluster.Tests.ClientSdk.Sdk;

namespace GameCluster.Tests.ClientSdk;

/// <summary>Socket rate limits surface as errors with a code and a retry-after.</summary>
public sealed class RealtimeRateLimitTests
{
    [Fact]
    public async Task SendAsync_OverTheSocketLimit_ThrowsRateLimitedWithRetryAfter()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(
            ClientSdkHostFixture.Settings(new Dictionary<string, string?>
            {
                ["Gateway:Realtime:PlayerMessagesPerSecond"] = "1",
                ["Gateway:Realtime:PlayerMessageBurst"] = "2",
            }),
            RealtimeGatewayHost.UseRealNonces);
        await using var client = await GuestAsync(host.HttpBase);
        await using var connection = await client.ConnectAsync(cancellationToken: Cancel);

        GameClientException? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            try
            {
                await connection.PingAsync(Cancel);
            }
            catch (GameClientException exception)
            {
                limited = exception;
            }
        }

        Assert.NotNull(limited);
        Assert.Equal(GameErrorCodes.RateLimited, limited.Code);
        Assert.True(limited.RetryAfter > TimeSpan.Zero);
        Assert.Equal(RealtimeConnectionState.Connected, connection.State);
    }
}
