using System.Net.WebSockets;
using System.Text;
using GameCluster.Grains;
using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.Realtime;

/// <summary>Generated malformed socket messages: each gets an error envelope or a protocol close, the server survives, nothing changes.</summary>
public sealed class RealtimeBadInputTests(RealtimeHostFixture fixture) : IClassFixture<RealtimeHostFixture>
{
    private static readonly WebSocketCloseStatus[] ProtocolCloses =
        [WebSocketCloseStatus.PolicyViolation, WebSocketCloseStatus.MessageTooBig, WebSocketCloseStatus.InvalidPayloadData];

    [Fact]
    public async Task BadInput_GeneratedMalformedMessages_EachGetsErrorOrProtocolClose_AndNoStateChanges()
    {
        var host = fixture.Host;
        var playerId = TestServices.NewKey("player");
        var answered = 0;

        var (client, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(playerId));
        await using (client)
        {
            foreach (var message in ErrorMessages())
            {
                await client.SendTextAsync(message);
                var reply = await client.ReceiveUntilAsync(_ => true);
                Assert.True(RealtimeTestClient.Type(reply) == "error", $"'{Shorten(message)}' got {reply.GetRawText()}");
                answered++;
            }
        }

        foreach (var (bytes, type, mayReset) in ClosingMessages())
        {
            var (victim, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(playerId));
            await using (victim)
            {
                await victim.SendAsync(bytes, type);
                var before = await victim.ReceiveUntilClosedAsync();
                Assert.All(before, m => Assert.Equal("error", RealtimeTestClient.Type(m)));
                // Invalid UTF-8 is refused by the WebSocket layer itself (1007); it stops reading mid-frame, so the TCP close
                // may be a reset that discards the close frame before the client reads it.
                Assert.True(
                    (victim.CloseStatus is { } status && ProtocolCloses.Contains(status)) || (mayReset && victim.CloseStatus is null),
                    $"'{Shorten(Encoding.UTF8.GetString(bytes))}' closed with {victim.CloseStatus}");
                answered++;
            }
        }

        Assert.True(answered >= 500, $"only {answered} malformed messages were sent");

        var profile = await host.GrainFactory.GetGrain<IPlayerGrain>(playerId).GetProfileAsync();
        Assert.Equal(string.Empty, profile.DisplayName);
        Assert.Equal(0, profile.Counter);
        Assert.Equal(0, (await host.GrainFactory.GetGrain<IPlayerPushGrain>(playerId).GetSessionAsync()).LatestSeq);

        var (after, _) = await RealtimeTestClient.ConnectWelcomedAsync(host.SocketUri(TestServices.NewKey("player")));
        await using var _1 = after;
        Assert.Equal("result", RealtimeTestClient.Type(await after.RequestAsync("ping")));
    }

    /// <summary>Messages that are JSON but not a valid request: answered with an error, the socket stays open.</summary>
    private static IEnumerable<string> ErrorMessages()
    {
        var random = new Random(4242);
        string[] notObjects = ["[]", "[1,2]", "1", "-7.5", "\"text\"", "true", "false", "null", "[{\"cid\":\"1\",\"type\":\"ping\"}]"];
        foreach (var json in notObjects)
        {
            yield return json;
        }

        string[] badCids = ["1", "1.5", "true", "{}", "[]", "\"\"", "\"" + new string('c', 65) + "\""];
        foreach (var cid in badCids)
        {
            yield return $"{{\"cid\":{cid},\"type\":\"ping\"}}";
        }

        string[] badTypes = ["1", "true", "{}", "[]", "null", "\"\"", "\"" + new string('t', 65) + "\""];
        foreach (var type in badTypes)
        {
            yield return $"{{\"cid\":\"x\",\"type\":{type}}}";
        }

        yield return "{}";
        yield return "{\"cid\":\"x\"}";
        yield return "{\"type\":\"ping\"}";
        yield return "{\"payload\":{}}";

        string[] badPayloads = ["[]", "1", "\"p\"", "true", "[{}]"];
        foreach (var type in new[] { "ping", "player.get_profile", "player.increment", "player.set_display_name", "resume" })
        {
            foreach (var payload in badPayloads)
            {
                yield return $"{{\"cid\":\"p\",\"type\":\"{type}\",\"payload\":{payload}}}";
            }
        }

        string[] badAmounts = ["\"5\"", "1.5", "0", "-1", "-9223372036854775808", "1000001", "9223372036854775807", "1e3", "true", "null", "{}", "[]", "\"\"", "99999999999999999999999"];
        foreach (var amount in badAmounts)
        {
            yield return $"{{\"cid\":\"a\",\"type\":\"player.increment\",\"payload\":{{\"amount\":{amount}}}}}";
        }

        yield return "{\"cid\":\"a\",\"type\":\"player.increment\",\"payload\":{}}";
        yield return "{\"cid\":\"a\",\"type\":\"player.increment\"}";

        string[] badNames = ["\"\"", "\"ab\"", "\"  a  \"", "\"" + new string('n', 25) + "\"", "\"bad\\u0000name\"", "\"tab\\tname\"", "\"new\\nline\"", "1", "true", "null", "[]", "{}"];
        foreach (var name in badNames)
        {
            yield return $"{{\"cid\":\"n\",\"type\":\"player.set_display_name\",\"payload\":{{\"display_name\":{name}}}}}";
        }

        yield return "{\"cid\":\"n\",\"type\":\"player.set_display_name\",\"payload\":{}}";
        yield return "{\"cid\":\"n\",\"type\":\"player.set_display_name\",\"payload\":{\"displayName\":\"Camel Case\"}}";

        string[] badSeqs = ["-1", "\"3\"", "1.5", "null", "[]", "{}", "true"];
        foreach (var seq in badSeqs)
        {
            yield return $"{{\"cid\":\"r\",\"type\":\"resume\",\"payload\":{{\"last_seq\":{seq}}}}}";
        }

        yield return "{\"cid\":\"r\",\"type\":\"resume\",\"payload\":{}}";

        // Unknown types, random and near-misses, with random payloads.
        string[] nearMisses = ["Ping", "PING", "player.get_profile ", " ping", "player.getProfile", "player.", "player", "player.increment.", "push", "welcome", "error", "result", "reconnect", "admin.reset", "../ping", "ping\u0000"];
        foreach (var type in nearMisses)
        {
            yield return $"{{\"cid\":\"u\",\"type\":{System.Text.Json.JsonSerializer.Serialize(type)},\"payload\":{{}}}}";
        }

        const string alphabet = "abcdefghijklmnopqrstuvwxyz._-0123456789ÄÖ€😀";
        var generated = 0;
        while (generated < 420)
        {
            var length = random.Next(1, 64);
            var type = new StringBuilder();
            for (var i = 0; i < length; i++)
            {
                type.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var text = type.ToString();
            if (text is "ping" or "resume" || text.StartsWith("player.", StringComparison.Ordinal))
            {
                continue;
            }

            var payload = random.Next(4) switch
            {
                0 => "{}",
                1 => $"{{\"amount\":{random.Next()}}}",
                2 => $"{{\"display_name\":\"{new string('z', random.Next(0, 40))}\"}}",
                _ => "null",
            };
            generated++;
            yield return $"{{\"cid\":\"g{random.Next()}\",\"type\":{System.Text.Json.JsonSerializer.Serialize(text)},\"payload\":{payload}}}";
        }
    }

    /// <summary>Messages that break the protocol: the socket is closed with a reason.</summary>
    private static IEnumerable<(byte[] Bytes, WebSocketMessageType Type, bool MayReset)> ClosingMessages()
    {
        string[] malformed =
        [
            "{", "}", "{\"cid\":", "{\"cid\":\"1\",\"type\":\"ping\"", "{cid:1}", "{'cid':'1'}", "not json", "", " ", "{\"a\":1,}",
            "[1,2", "\"unterminated", "{\"cid\":\"1\" \"type\":\"ping\"}", "nul", "tru", "{\"cid\":\"1\",\"type\":\"ping\"}}", "{}{}", "01", "NaN", "Infinity",
            new string('[', 100) + new string(']', 100),
            "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 61),
        ];
        foreach (var text in malformed)
        {
            yield return (Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, false);
        }

        yield return ([0xff, 0xfe, 0x7b, 0x7d], WebSocketMessageType.Text, true);
        yield return ([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d], WebSocketMessageType.Text, true);
        yield return ([0x00], WebSocketMessageType.Text, false);

        foreach (var bytes in new byte[][] { [], [0], [1, 2, 3], Encoding.UTF8.GetBytes("{\"cid\":\"1\",\"type\":\"ping\"}") })
        {
            yield return (bytes, WebSocketMessageType.Binary, false);
        }

        foreach (var size in new[] { 16 * 1024 + 1, 20_000, 64 * 1024, 1024 * 1024 })
        {
            var huge = "{\"cid\":\"h\",\"type\":\"ping\",\"payload\":{\"pad\":\"" + new string('x', size) + "\"}}";
            yield return (Encoding.UTF8.GetBytes(huge), WebSocketMessageType.Text, false);
        }

        yield return (Encoding.UTF8.GetBytes(new string(' ', 17 * 1024) + "{}"), WebSocketMessageType.Text, false);
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "..." : text;
}
