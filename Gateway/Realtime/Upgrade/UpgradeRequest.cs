using Microsoft.Extensions.Primitives;

namespace GameCluster.Gateway.Realtime.Upgrade;

/// <summary>A WebSocket upgrade request for <c>/ws</c> as <see cref="UpgradeRequestParser"/> read it.</summary>
/// <param name="QueryString">The query string after <c>?</c> (still URL-encoded), or empty.</param>
/// <param name="WebSocketKey">The <c>Sec-WebSocket-Key</c>.</param>
/// <param name="Authorization">The <c>Authorization</c> header, if sent.</param>
/// <param name="HeaderBytes">The length of the request line and headers, up to and including the empty line.</param>
public sealed record UpgradeRequest(string QueryString, string WebSocketKey, StringValues Authorization, long HeaderBytes);
