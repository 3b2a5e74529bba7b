using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace GameCluster.Tests.Realtime;

/// <summary>Raw HTTP/1.1 over a fresh TCP connection, for byte-exact requests; responses are read as they arrive.</summary>
public static class RawHttp
{
    public const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    public sealed record Response(string StatusLine, string Head, string Body)
    {
        public string? Header(string name) =>
            Regex.Match(Head, "^" + Regex.Escape(name) + ": *(.*?)\r$", RegexOptions.IgnoreCase | RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;
    }

    /// <summary>A valid upgrade request head for <paramref name="target"/> (plus extra header lines).</summary>
    public static string Upgrade(string target, string extraHeaders = "") =>
        $"GET {target} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n{extraHeaders}\r\n";

    public static async Task<TcpClient> ConnectAsync(Uri baseUri)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, baseUri.Port, TestContext.Current.CancellationToken);
        return tcp;
    }

    /// <summary>Sends <paramref name="request"/> on a fresh connection and reads one response ("&lt;closed&gt;" when none comes).</summary>
    public static async Task<Response> SendAsync(Uri baseUri, byte[] request)
    {
        using var tcp = await ConnectAsync(baseUri);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request, TestContext.Current.CancellationToken);
        return await ReadAsync(stream);
    }

    public static Task<Response> SendAsync(Uri baseUri, string request) => SendAsync(baseUri, Encoding.Latin1.GetBytes(request));

    /// <summary>Reads one response head and its body (Content-Length or chunked); nothing after it.</summary>
    public static async Task<Response> ReadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(RealtimeTestClient.DefaultTimeout);
        try
        {
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one, timeout.Token) == 0)
                {
                    return new Response("<closed>", head.ToString(), string.Empty);
                }

                head.Append((char)one[0]);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return new Response(exception is IOException ? "<reset>" : "<no answer>", head.ToString(), string.Empty);
        }

        var text = head.ToString();
        var body = new StringBuilder();
        var length = Regex.Match(text, "Content-Length: (\\d+)", RegexOptions.IgnoreCase);
        if (length.Success)
        {
            var bytes = new byte[int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(bytes, timeout.Token);
            body.Append(Encoding.UTF8.GetString(bytes));
        }
        else if (text.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            var raw = new StringBuilder("\r\n");
            while (!raw.ToString().EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal))
            {
                Assert.Equal(1, await stream.ReadAsync(one, timeout.Token));
                raw.Append((char)one[0]);
            }

            // Drop the chunk sizes: "\r\nSIZE\r\nDATA" ... "\r\n0\r\n\r\n".
            var rest = raw.ToString();
            var position = 0;
            while (true)
            {
                var sizeStart = position + 2;
                var sizeEnd = rest.IndexOf("\r\n", sizeStart, StringComparison.Ordinal);
                var size = Convert.ToInt32(rest[sizeStart..sizeEnd], 16);
                if (size == 0)
                {
                    break;
                }

                body.Append(rest, sizeEnd + 2, size);
                position = sizeEnd + 2 + size;
            }
        }

        return new Response(text[..text.IndexOf("\r\n", StringComparison.Ordinal)], text, body.ToString());
    }
}
