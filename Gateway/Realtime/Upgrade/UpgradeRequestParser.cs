using System.Buffers;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace GameCluster.Gateway.Realtime.Upgrade;

/// <summary>
/// Recognizes a plain WebSocket upgrade of <c>/ws</c> at the start of a connection: <c>GET /ws[?query] HTTP/1.1</c>, one
/// valid <c>Host</c>, <c>Upgrade: websocket</c>, <c>Connection: upgrade</c>, <c>Sec-WebSocket-Version: 13</c>, a valid
/// <c>Sec-WebSocket-Key</c>, no body, within Kestrel's size limits. It is deliberately stricter than Kestrel: anything
/// else (another path, method or version, a repeated or malformed header, a body, a bare CR or LF, bytes outside
/// printable ASCII, a head over a limit) is <see cref="UpgradeParseStatus.NotHandled"/> as soon as it shows and goes to
/// the HTTP pipeline unchanged, which answers it in full. So nothing Kestrel would refuse is ever accepted here.
/// </summary>
public static class UpgradeRequestParser
{
    /// <summary>The longest request head handled here; longer ones go to the HTTP pipeline.</summary>
    public const int MaxHeaderBytes = 8 * 1024;

    private const string QueryExtraChars = "-._~!$&'()*+,;=:@/?%";
    private const string TokenExtraChars = "!#$%&'*+-.^_`|~";
    private const string HostExtraChars = "-._~";

    private static ReadOnlySpan<byte> Prefix => "GET /ws"u8;

    /// <summary>Parses what has arrived so far with Kestrel's default limits.</summary>
    /// <param name="buffer">The bytes received on the connection so far.</param>
    /// <param name="request">The request when the answer is <see cref="UpgradeParseStatus.Upgrade"/>.</param>
    public static UpgradeParseStatus TryParse(ReadOnlySequence<byte> buffer, out UpgradeRequest? request) =>
        TryParse(buffer, UpgradeHeadLimits.Default, out request);

    /// <summary>Parses what has arrived so far.</summary>
    /// <param name="buffer">The bytes received on the connection so far.</param>
    /// <param name="limits">The server's request head limits; a head over one is not handled here.</param>
    /// <param name="request">The request when the answer is <see cref="UpgradeParseStatus.Upgrade"/>.</param>
    public static UpgradeParseStatus TryParse(ReadOnlySequence<byte> buffer, UpgradeHeadLimits limits, out UpgradeRequest? request)
    {
        request = null;
        var prefixLength = (int)Math.Min(buffer.Length, Prefix.Length);
        Span<byte> start = stackalloc byte[Prefix.Length];
        buffer.Slice(0, prefixLength).CopyTo(start);
        if (!start[..prefixLength].SequenceEqual(Prefix[..prefixLength]))
        {
            return UpgradeParseStatus.NotHandled;
        }

        var maxHead = limits.MaxHeadBytes;
        var length = (int)Math.Min(buffer.Length, maxHead);
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var span = bytes.AsSpan(0, length);
            buffer.Slice(0, length).CopyTo(span);
            var end = FindHeadEnd(span, out var malformed);
            if (malformed)
            {
                return UpgradeParseStatus.NotHandled;
            }

            if (end < 0)
            {
                // Incomplete: wait, unless it is already too long (or its request line is).
                var lineEnd = span.IndexOf((byte)'\r');
                var lineLength = lineEnd < 0 ? span.Length : lineEnd;
                return buffer.Length >= maxHead || lineLength + 2 >= limits.MaxRequestLineSize
                    ? UpgradeParseStatus.NotHandled
                    : UpgradeParseStatus.NeedMoreData;
            }

            request = Parse(span[..end], limits);
            return request is null ? UpgradeParseStatus.NotHandled : UpgradeParseStatus.Upgrade;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    // The length of the head up to and including "\r\n\r\n", or -1 when it is not complete yet. Malformed: a byte that is
    // not printable ASCII (or tab), an LF without a CR before it, or a CR without an LF after it (Kestrel accepts some
    // of these, e.g. LF-only line ends, and refuses others; neither is handled here).
    private static int FindHeadEnd(ReadOnlySpan<byte> span, out bool malformed)
    {
        malformed = false;
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (b == (byte)'\r')
            {
                if (i + 1 < span.Length && span[i + 1] != (byte)'\n')
                {
                    malformed = true;
                    return -1;
                }
            }
            else if (b == (byte)'\n')
            {
                if (i == 0 || span[i - 1] != (byte)'\r')
                {
                    malformed = true;
                    return -1;
                }

                if (i >= 3 && span[i - 2] == (byte)'\n')
                {
                    return i + 1;
                }
            }
            else if (b is (< 0x20 and not (byte)'\t') or >= 0x7F)
            {
                malformed = true;
                return -1;
            }
        }

        return -1;
    }

    private static UpgradeRequest? Parse(ReadOnlySpan<byte> head, UpgradeHeadLimits limits)
    {
        var text = Encoding.ASCII.GetString(head[..^4]);
        var lines = text.Split("\r\n");
        if (lines[0].Length + 2 >= limits.MaxRequestLineSize || lines.Length - 1 >= limits.MaxRequestHeaderCount
            || head.Length - (lines[0].Length + 2) > limits.MaxRequestHeadersTotalSize)
        {
            return null;
        }

        if (ParseTarget(lines[0]) is not { } query)
        {
            return null;
        }

        string? host = null, upgrade = null, connection = null, version = null, key = null, authorization = null, contentLength = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !IsToken(line.AsSpan(0, colon)))
            {
                return null; // no name, obsolete line folding, or whitespace before the colon
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            var ok = name.ToUpperInvariant() switch
            {
                "HOST" => Once(ref host, value) && IsValidHost(value),
                "UPGRADE" => Once(ref upgrade, value),
                "CONNECTION" => Once(ref connection, value),
                "SEC-WEBSOCKET-VERSION" => Once(ref version, value),
                "SEC-WEBSOCKET-KEY" => Once(ref key, value),
                "AUTHORIZATION" => Once(ref authorization, value),
                "CONTENT-LENGTH" => Once(ref contentLength, value) && value == "0",
                "TRANSFER-ENCODING" or "EXPECT" => false,
                _ => true,
            };
            if (!ok)
            {
                return null;
            }
        }

        if (host is null || version != "13" || !HasToken(upgrade, "websocket") || !HasToken(connection, "upgrade") || !IsValidKey(key))
        {
            return null;
        }

        return new UpgradeRequest(query, key!, authorization is null ? StringValues.Empty : new StringValues(authorization), head.Length);
    }

    // "GET /ws HTTP/1.1" or "GET /ws?query HTTP/1.1", the query only of RFC 3986 query characters.
    private static string? ParseTarget(string requestLine)
    {
        const string Method = "GET ";
        const string Version = " HTTP/1.1";
        if (!requestLine.StartsWith(Method, StringComparison.Ordinal) || !requestLine.EndsWith(Version, StringComparison.Ordinal))
        {
            return null;
        }

        var target = requestLine[Method.Length..^Version.Length];
        if (target == RealtimeHostingExtensions.Path)
        {
            return string.Empty;
        }

        if (!target.StartsWith(RealtimeHostingExtensions.Path + "?", StringComparison.Ordinal))
        {
            return null;
        }

        var query = target[(RealtimeHostingExtensions.Path.Length + 1)..];
        foreach (var c in query)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !QueryExtraChars.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return query;
    }

    // Kestrel's rules, a little stricter: a non-empty reg-name or IPv4 address of [A-Za-z0-9-._~], or an IPv6 literal
    // in brackets, with an optional port of 1-5 digits.
    private static bool IsValidHost(string host)
    {
        var span = host.AsSpan();
        ReadOnlySpan<char> port;
        if (span.StartsWith("["))
        {
            var close = span.IndexOf(']');
            if (close < 2)
            {
                return false;
            }

            foreach (var c in span[1..close])
            {
                if (!char.IsAsciiHexDigit(c) && c is not ':' and not '.')
                {
                    return false;
                }
            }

            port = span[(close + 1)..];
        }
        else
        {
            var colon = span.IndexOf(':');
            var name = colon < 0 ? span : span[..colon];
            if (name.IsEmpty)
            {
                return false;
            }

            foreach (var c in name)
            {
                if (!char.IsAsciiLetterOrDigit(c) && !HostExtraChars.Contains(c, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            port = colon < 0 ? [] : span[colon..];
        }

        if (port.IsEmpty)
        {
            return true;
        }

        if (port[0] != ':' || port.Length is < 2 or > 6)
        {
            return false;
        }

        foreach (var c in port[1..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Once(ref string? slot, string value)
    {
        if (slot is not null)
        {
            return false;
        }

        slot = value;
        return true;
    }

    private static bool HasToken(string? list, string token)
    {
        if (list is null)
        {
            return false;
        }

        foreach (var part in list.Split(','))
        {
            if (part.Trim(' ', '\t').Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsValidKey(string? key)
    {
        Span<byte> decoded = stackalloc byte[18];
        return key is { Length: 24 } && Convert.TryFromBase64String(key, decoded, out var written) && written == 16;
    }

    private static bool IsToken(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !TokenExtraChars.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
