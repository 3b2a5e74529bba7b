using System.Net;
using GameCluster.Tests.Infrastructure;
using static GameCluster.Tests.Gateway.GatewayApi;

namespace GameCluster.Tests.Gateway;

/// <summary>The embedded default without Auth:SigningKey: a development key, owner-only, kept across restarts.</summary>
public sealed class DevelopmentSigningKeyTests : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("gamecluster-devkey-").FullName;

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);

    [Fact]
    public async Task SiloHost_WithoutSigningKey_CreatesAnOwnerOnlyDevelopmentKey_AndTokensSurviveARestart()
    {
        var settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" };
        AuthTokensLike tokens;
        await using (var first = await SiloProcess.StartAsync(settings, workingDirectory: _workDirectory))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{first.HttpPort}") };
            var signIn = await GuestAsync(http);
            tokens = new AuthTokensLike(signIn.PlayerId, signIn.AccessToken);
            Assert.Contains("production must configure Auth:SigningKey", first.Output, StringComparison.Ordinal);
            await first.StopAsync();
        }

        var keyFile = Path.Combine(_workDirectory, "data", "gateway-signing.key");
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        await using var second = await SiloProcess.StartAsync(settings, workingDirectory: _workDirectory);
        using var again = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{second.HttpPort}") };
        using var profile = await SendAsync(again, HttpMethod.Get, $"/api/v1/players/{tokens.PlayerId}/profile", accessToken: tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    private readonly record struct AuthTokensLike(string PlayerId, string AccessToken);
}
