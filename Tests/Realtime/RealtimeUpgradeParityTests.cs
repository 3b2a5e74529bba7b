using System.Net;
using System.Text;
using System.Text.Json;
using GameCluster.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GameCluster.Tests.Realtime;

/// <summary>
/// The connection-level upgrade answers exactly as the HTTP pipeline: every head it does not fully accept, every
/// refusal, draining and the per-IP limit, compared on fresh connections between a gateway with
/// <c>ConnectionLevelUpgrade</c> on and one with it off.
/// </summary>
public sealed class RealtimeUpgradeParityTests(RealtimeUpgradeParityFixture fixture) : IClassFixture<RealtimeUpgradeParityFixture>
{
    private const string Common = "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + RawHttp.Key + "\r\n";

    // {T} is replaced by "/ws?nonce=<fresh nonce>" so the credential is valid: only the head's shape differs.
    private static readonly Dictionary<string, string> Heads = new()
    {
        ["bare LF inside a header"] = "GET {T} HTTP/1.1\r\n" + Common + "X-A: b\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ["invalid Host characters"] = "GET {T} HTTP/1.1\r\nHost: a b/../\"<>\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + RawHttp.Key + "\r\n\r\n",
        ["500 extra headers"] = "GET {T} HTTP/1.1\r\n" + Common + string.Concat(Enumerable.Range(0, 500).Select(i => $"X-H{i}: v\r\n")) + "\r\n",
        ["LF-only line ends"] = ("GET {T} HTTP/1.1\r\n" + Common + "\r\n").Replace("\r\n", "\n", StringComparison.Ordinal),
        ["bare CR inside a line"] = "GET {T} HTTP/1.1\r\n" + Common + "X-A: b\rc\r\n\r\n",
        ["duplicate Content-Length 0"] = "GET {T} HTTP/1.1\r\n" + Common + "Content-Length: 0\r\nContent-Length: 0\r\n\r\n",
        ["missing Host"] = "GET {T} HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + RawHttp.Key + "\r\n\r\n",
        ["two Hosts"] = "GET {T} HTTP/1.1\r\n" + Common + "Host: localhost\r\n\r\n",
        ["obs-fold"] = "GET {T} HTTP/1.1\r\n" + Common + "X-A: b\r\n c\r\n\r\n",
        ["whitespace before colon"] = "GET {T} HTTP/1.1\r\n" + Common + "X-A : b\r\n\r\n",
        ["Transfer-Encoding"] = "GET {T} HTTP/1.1\r\n" + Common + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ["Expect"] = "GET {T} HTTP/1.1\r\n" + Common + "Expect: 100-continue\r\n\r\n",
        ["body with Content-Length"] = "GET {T} HTTP/1.1\r\n" + Common + "Content-Length: 5\r\n\r\nhello",
        ["HTTP/1.0"] = "GET {T} HTTP/1.0\r\n" + Common + "\r\n",
        ["lowercase method"] = "get {T} HTTP/1.1\r\n" + Common + "\r\n",
        ["path /ws/x"] = "GET /ws/x{Q} HTTP/1.1\r\n" + Common + "\r\n",
        ["path /wsx"] = "GET /wsx{Q} HTTP/1.1\r\n" + Common + "\r\n",
        ["key not base64 of 16 bytes"] = "GET {T} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: c2hvcnQ=\r\n\r\n",
        ["version 12"] = "GET {T} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 12\r\nSec-WebSocket-Key: " + RawHttp.Key + "\r\n\r\n",
        ["no Connection: upgrade"] = "GET {T} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: keep-alive\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + RawHttp.Key + "\r\n\r\n",
        ["non-ASCII byte"] = "GET {T} HTTP/1.1\r\n" + Common + "X-A: caf\u00e9\r\n\r\n",
        ["header line longer than MaxRequestLineSize"] = "GET {T} HTTP/1.1\r\n" + Common + "X-Long: " + new string('a', 9000) + "\r\n\r\n",
        ["control byte in a header"] = "GET {T} HTTP/1.1\r\n" + Common + "X-A: b\u0001c\r\n\r\n",
        ["quote in the query"] = "GET {T}&x=\"<> HTTP/1.1\r\n" + Common + "\r\n",
        ["invalid last_seq"] = "GET {T}&last_seq=-1 HTTP/1.1\r\n" + Common + "\r\n",
        ["plain upgrade (control)"] = "GET {T} HTTP/1.1\r\n" + Common + "\r\n",
    };

    private RealtimeGatewayHost On => fixture.On;

    private RealtimeGatewayHost Off => fixture.Off;

    public static TheoryData<string> HeadNames() => [.. Heads.Keys];

    [Theory]
    [MemberData(nameof(HeadNames))]
    public async Task FreshConnection_AnyHead_AnsweredAsByTheHttpPipeline(string name)
    {
        var expected = await SendHeadAsync(Off, Heads[name]);
        var actual = await SendHeadAsync(On, Heads[name]);
        Assert.DoesNotContain("<", expected.StatusLine, StringComparison.Ordinal);
        Assert.Equal(expected.StatusLine, actual.StatusLine);
    }

    [Fact]
    public async Task PipelinedRequest_AfterARefusedUpgrade_GetsItsNormalAnswer()
    {
        using var tcp = await RawHttp.ConnectAsync(On.HttpBase);
        var stream = tcp.GetStream();
        var bytes = Encoding.ASCII.GetBytes(RawHttp.Upgrade("/ws?nonce=unknown") + "GET /api/v1/info HTTP/1.1\r\nHost: localhost\r\n\r\n");
        await stream.WriteAsync(bytes, TestContext.Current.CancellationToken);
        Assert.StartsWith("HTTP/1.1 401", (await RawHttp.ReadAsync(stream)).StatusLine, StringComparison.Ordinal);
        var info = await RawHttp.ReadAsync(stream);
        Assert.StartsWith("HTTP/1.1 200", info.StatusLine, StringComparison.Ordinal);
        Assert.Contains("gamecluster", info.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelinedRequest_AfterAFallenThroughUpgrade_GetsItsNormalAnswer()
    {
        using var tcp = await RawHttp.ConnectAsync(On.HttpBase);
        var stream = tcp.GetStream();
        var head = RawHttp.Upgrade("/ws?nonce=" + On.Nonces.Issue(TestServices.NewKey("player"))).Replace("Version: 13", "Version: 12", StringComparison.Ordinal);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "GET /api/v1/info HTTP/1.1\r\nHost: localhost\r\n\r\n"), TestContext.Current.CancellationToken);
        Assert.StartsWith("HTTP/1.1 400", (await RawHttp.ReadAsync(stream)).StatusLine, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", (await RawHttp.ReadAsync(stream)).StatusLine, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad token")]
    [InlineData("used nonce")]
    public async Task RefusedCredential_OnTheRawPath_Is401ProblemAsOnTheHttpPath_AndRedeemedOnce(string credential)
    {
        async Task<RawHttp.Response> AttemptAsync(RealtimeGatewayHost host)
        {
            if (credential == "bad token")
            {
                return await RawHttp.SendAsync(host.HttpBase, RawHttp.Upgrade("/ws", "Authorization: Bearer not-a-token\r\n"));
            }

            var nonce = host.Nonces.Issue(TestServices.NewKey("player"));
            var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(new Uri(host.WsBase, "/ws?nonce=" + nonce));
            await client.DisposeAsync();

            var before = RealtimeUpgradeParityFixture.Redemptions(host).Count;
            var response = await RawHttp.SendAsync(host.HttpBase, RawHttp.Upgrade("/ws?nonce=" + nonce));
            Assert.Equal(before + 1, RealtimeUpgradeParityFixture.Redemptions(host).Count);
            return response;
        }

        var expected = await AttemptAsync(Off);
        var actual = await AttemptAsync(On);
        AssertSameProblem(expected, actual, "HTTP/1.1 401 Unauthorized", "unauthenticated");
    }

    [Fact]
    public async Task Draining_FreshConnection_Gets503WithRetryAfter_AndTheNonceIsNotUsed()
    {
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(RealtimeUpgradeParityFixture.Settings(connectionLevel: true), RealtimeUpgradeParityFixture.CountRedemptions);
        host.Drain.Begin();
        var response = await RawHttp.SendAsync(host.HttpBase, RawHttp.Upgrade("/ws?nonce=" + host.Nonces.Issue(TestServices.NewKey("player"))));
        Assert.StartsWith("HTTP/1.1 503", response.StatusLine, StringComparison.Ordinal);
        Assert.Equal("2", response.Header("Retry-After"));
        Assert.Equal("unavailable", Code(response));
        Assert.Equal(0, RealtimeUpgradeParityFixture.Redemptions(host).Count);
    }

    [Fact]
    public async Task PerIpLimit_SocketAttempts_429AfterTheLimit_OnBothPaths_EachAttemptCountedOnce()
    {
        await using var on = await RealtimeGatewayHost.StartCoHostedAsync(RealtimeUpgradeParityFixture.Settings(connectionLevel: true, perIpLimit: 3));
        await using var off = await RealtimeGatewayHost.StartCoHostedAsync(RealtimeUpgradeParityFixture.Settings(connectionLevel: false, perIpLimit: 3));
        foreach (var host in new[] { on, off })
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.StartsWith("HTTP/1.1 401", (await RawHttp.SendAsync(host.HttpBase, RawHttp.Upgrade("/ws?nonce=unknown"))).StatusLine, StringComparison.Ordinal);
            }
        }

        var expected = await RawHttp.SendAsync(off.HttpBase, RawHttp.Upgrade("/ws?nonce=" + off.Nonces.Issue(TestServices.NewKey("player"))));
        var actual = await RawHttp.SendAsync(on.HttpBase, RawHttp.Upgrade("/ws?nonce=" + on.Nonces.Issue(TestServices.NewKey("player"))));
        AssertSameProblem(expected, actual, "HTTP/1.1 429 Too Many Requests", "rate_limited");
        Assert.NotNull(actual.Header("Retry-After"));
        Assert.Equal(expected.Header("Retry-After") is null, actual.Header("Retry-After") is null);
    }

    [Fact]
    public async Task AcceptedUpgrade_IsCountedInTheGatewayMeter()
    {
        using var accepted = new MeasurementCounter(GameCluster.Gateway.Realtime.RealtimeInstruments.MeterName, "gamecluster.gateway.realtime.upgrades", "outcome", "accepted");

        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(On.SocketUri(TestServices.NewKey("player")));
        await using var _1 = client;
        Assert.True(accepted.Total >= 1);
    }

    [Fact]
    public async Task ClientLeavesRightAfterTheUpgrade_NoUnhandledConnectionErrorIsLogged()
    {
        var errors = new ErrorLogProvider();
        await using var host = await RealtimeGatewayHost.StartCoHostedAsync(
            RealtimeUpgradeParityFixture.Settings(connectionLevel: true),
            services => services.AddSingleton<ILoggerProvider>(errors));
        for (var i = 0; i < 30; i++)
        {
            using var tcp = await RawHttp.ConnectAsync(host.HttpBase);
            tcp.LingerState = new System.Net.Sockets.LingerOption(true, 0); // close = RST
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(RawHttp.Upgrade("/ws?nonce=" + host.Nonces.Issue(TestServices.NewKey("player")))), TestContext.Current.CancellationToken);
            if (i % 2 == 1)
            {
                await Task.Delay(i, TestContext.Current.CancellationToken);
            }
        }

        // The gateway still serves, and nothing escaped the connection middleware.
        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(TestServices.NewKey("player")));
        await client.DisposeAsync();
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Empty(errors.Errors);
    }

    private static async Task<RawHttp.Response> SendHeadAsync(RealtimeGatewayHost host, string template)
    {
        var query = "?nonce=" + host.Nonces.Issue(TestServices.NewKey("player"));
        var text = template.Replace("{T}", "/ws" + query, StringComparison.Ordinal).Replace("{Q}", query, StringComparison.Ordinal);
        return await RawHttp.SendAsync(host.HttpBase, Encoding.Latin1.GetBytes(text));
    }

    private static void AssertSameProblem(RawHttp.Response expected, RawHttp.Response actual, string statusLine, string code)
    {
        Assert.Equal(statusLine, expected.StatusLine);
        Assert.Equal(expected.StatusLine, actual.StatusLine);
        Assert.Equal(expected.Header("Content-Type"), actual.Header("Content-Type"));
        Assert.Equal(expected.Header("Retry-After"), actual.Header("Retry-After"));
        Assert.Equal(code, Code(actual));
        using var e = JsonDocument.Parse(expected.Body);
        using var a = JsonDocument.Parse(actual.Body);
        // Everything but the trace id, which differs per request.
        var expectedMembers = e.RootElement.EnumerateObject().Where(m => m.Name != "traceId").Select(m => (m.Name, m.Value.ToString())).ToList();
        var actualMembers = a.RootElement.EnumerateObject().Where(m => m.Name != "traceId").Select(m => (m.Name, m.Value.ToString())).ToList();
        Assert.Equal(expectedMembers, actualMembers);
    }

    private sealed class ErrorLogProvider : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => new ErrorLogger(categoryName, Errors);

        public void Dispose()
        {
        }

        private sealed class ErrorLogger(string category, System.Collections.Concurrent.ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }

    private static string? Code(RawHttp.Response response)
    {
        using var body = JsonDocument.Parse(response.Body);
        return body.RootElement.GetProperty("code").GetString();
    }
}
