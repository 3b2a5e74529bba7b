using System.Text.Json.Serialization.Metadata;

namespace GameCluster.Client;

/// <summary>Settings of a <see cref="GameClient"/>. Call <see cref="Validate"/> to check them (the client does).</summary>
public sealed class GameClientOptions
{
    /// <summary>
    /// Further gateways of the same cluster, tried in order after the base URI when a gateway drains, refuses
    /// connections or answers 503. Tokens, nonces and push sequences are valid on every gateway of a cluster.
    /// </summary>
    public IReadOnlyList<Uri> AlternateGateways { get; init; } = [];

    /// <summary>Limit for one HTTP call or one realtime request/reply. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Limit for opening the socket and receiving its welcome. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay before the first reconnect attempt; it doubles per failed attempt. Default 250 ms.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest delay between reconnect attempts. Default 15 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Fraction (0 to 1) of each reconnect delay that is random, so that many clients dropped at once do not
    /// reconnect in lockstep. Default 0.5 (a delay d becomes a random value between d/2 and d).
    /// </summary>
    public double ReconnectJitter { get; init; } = 0.5;

    /// <summary>Reconnect attempts before the connection gives up; <see langword="null"/> (default) retries forever.</summary>
    public int? MaxReconnectAttempts { get; init; }

    /// <summary>An access token this close to its expiry is refreshed before use. Default 30 s.</summary>
    public TimeSpan AccessTokenRefreshMargin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How the realtime socket authenticates. Default <see cref="RealtimeCredential.Nonce"/>.</summary>
    public RealtimeCredential RealtimeCredential { get; init; } = RealtimeCredential.Nonce;

    /// <summary>
    /// Pushes buffered for <see cref="RealtimeConnection.ReadPushesAsync"/>. When the buffer is full the socket stops
    /// reading until the application catches up (the gateway may then drop the socket; the client resumes without
    /// loss). 0 disables the stream: use <see cref="RealtimeConnection.PushReceived"/> only. Default 1024.
    /// </summary>
    public int PushBufferCapacity { get; init; } = 1024;

    /// <summary>How often the client pings the gateway (WebSocket ping frames). Default 15 s.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A socket whose gateway does not answer a ping within this is treated as dropped (and reconnected). Default
    /// 25 s; <see cref="Timeout.InfiniteTimeSpan"/> only sends unsolicited pongs.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>The largest inbound realtime message accepted; a larger one drops the socket. Default 1 MiB.</summary>
    public int MaxMessageBytes { get; init; } = 1024 * 1024;

    /// <summary>The clock used to judge token expiry. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Resolves JSON contracts of application payload types passed to <see cref="RealtimeConnection.SendAsync{TResponse}"/>
    /// (snake_case names). Default: reflection; pass a source-generated context for trimming/AOT.
    /// </summary>
    public IJsonTypeInfoResolver? PayloadTypeInfoResolver { get; init; }

    /// <summary>The HTTP handler to use (proxies, certificates, tests). The client does not dispose it. Default: its own.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate()
    {
        List<string> failures = [];
        RequirePositive(failures, nameof(RequestTimeout), RequestTimeout);
        RequirePositive(failures, nameof(ConnectTimeout), ConnectTimeout);
        RequirePositive(failures, nameof(ReconnectInitialDelay), ReconnectInitialDelay);
        if (ReconnectMaxDelay < ReconnectInitialDelay)
        {
            failures.Add($"{nameof(ReconnectMaxDelay)} must be at least {nameof(ReconnectInitialDelay)}.");
        }

        if (ReconnectJitter is < 0 or > 1 || double.IsNaN(ReconnectJitter))
        {
            failures.Add($"{nameof(ReconnectJitter)} must be between 0 and 1.");
        }

        if (MaxReconnectAttempts is < 0)
        {
            failures.Add($"{nameof(MaxReconnectAttempts)} cannot be negative.");
        }

        if (AccessTokenRefreshMargin < TimeSpan.Zero)
        {
            failures.Add($"{nameof(AccessTokenRefreshMargin)} cannot be negative.");
        }

        if (PushBufferCapacity < 0)
        {
            failures.Add($"{nameof(PushBufferCapacity)} cannot be negative.");
        }

        RequirePositive(failures, nameof(KeepAliveInterval), KeepAliveInterval);
        if (KeepAliveTimeout != Timeout.InfiniteTimeSpan && KeepAliveTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(KeepAliveTimeout)} must be positive or infinite.");
        }

        if (MaxMessageBytes < 1024)
        {
            failures.Add($"{nameof(MaxMessageBytes)} must be at least 1024.");
        }

        foreach (var gateway in AlternateGateways)
        {
            if (gateway is null || !gateway.IsAbsoluteUri || gateway.Scheme is not ("http" or "https"))
            {
                failures.Add($"{nameof(AlternateGateways)}: '{gateway}' is not an absolute http(s) URI.");
            }
        }

        if (failures.Count > 0)
        {
            throw new ArgumentException("Invalid GameClientOptions: " + string.Join(" ", failures));
        }
    }

    private static void RequirePositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive.");
        }
    }
}
