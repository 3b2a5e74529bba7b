using System.Net.Http.Json;
using GameCluster.Client.Json;

namespace GameCluster.Client;

/// <summary>
/// A client of one game cluster's gateways: signs a player in, keeps the access token fresh with the rotating
/// refresh token, makes typed HTTP calls, and opens realtime connections. Thread-safe; one instance per signed-in
/// player. Every failure of a gateway call is a <see cref="GameClientException"/> with a stable code.
/// </summary>
public sealed partial class GameClient : IAsyncDisposable
{
    private readonly GameClientOptions _options;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _lock = new();
    private readonly List<RealtimeConnection> _connections = [];
    private AuthTokens? _tokens;
    private Task<AuthTokens>? _refreshing;

    /// <summary>Creates a client of the gateway at <paramref name="baseUri"/> (e.g. <c>https://play.example.com/</c>).</summary>
    /// <param name="baseUri">The gateway's base URI; the API is under <c>api/v1/</c>, the socket at <c>ws</c>.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The URI or an option is invalid.</exception>
    public GameClient(Uri baseUri, GameClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        _options = options ?? new GameClientOptions();
        _options.Validate();
        Gateways = new GatewayList([baseUri, .. _options.AlternateGateways]);
        _http = _options.HttpHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }, disposeHandler: true);
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>Raised after the tokens changed: a sign-in, a refresh (persist the new refresh token), or a sign-out (<see langword="null"/>).</summary>
    public event EventHandler<AuthTokens?>? TokensChanged;

    /// <summary>The current tokens, or <see langword="null"/> when not signed in.</summary>
    public AuthTokens? Tokens
    {
        get
        {
            lock (_lock)
            {
                return _tokens;
            }
        }
    }

    /// <summary>The signed-in player's id, or <see langword="null"/>.</summary>
    public string? PlayerId => Tokens?.PlayerId;

    /// <summary>The gateway HTTP calls and new sockets currently go to (moves on when a gateway drains or fails).</summary>
    public Uri CurrentGateway => Gateways.Current;

    /// <summary>The settings in use.</summary>
    public GameClientOptions Options => _options;

    internal GatewayList Gateways { get; }

    /// <summary>Signs a device in as a guest; the same device id always gets the same player.</summary>
    /// <param name="deviceId">8 to 128 characters of letters, digits, '_', '.', ':', '-'.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AuthTokens> LoginAsGuestAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return SignInAsync("api/v1/auth/guest", () => JsonContent.Create(new GuestLoginBody(deviceId), HttpJsonContext.Default.GuestLoginBody), cancellationToken);
    }

    /// <summary>Registers a username account and signs it in; <see cref="GameErrorCodes.Conflict"/> when the name is taken.</summary>
    /// <param name="username">3 to 24 characters of letters, digits, '_', '.', '-'; case-insensitive.</param>
    /// <param name="password">8 to 128 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AuthTokens> RegisterAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        return SignInAsync("api/v1/auth/register", () => JsonContent.Create(new CredentialsBody(username, password), HttpJsonContext.Default.CredentialsBody), cancellationToken);
    }

    /// <summary>Signs a username account in; <see cref="GameErrorCodes.Unauthenticated"/> for an unknown user or a wrong password.</summary>
    /// <param name="username">The username.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<AuthTokens> LoginAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        return SignInAsync("api/v1/auth/login", () => JsonContent.Create(new CredentialsBody(username, password), HttpJsonContext.Default.CredentialsBody), cancellationToken);
    }

    /// <summary>Continues a sign-in from persisted tokens (the next call refreshes them if the access token expired).</summary>
    /// <param name="tokens">Tokens from <see cref="Tokens"/> or <see cref="TokensChanged"/>.</param>
    public void RestoreSession(AuthTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        SetTokens(tokens);
    }

    /// <summary>Refreshes the tokens now (normally automatic). Concurrent refreshes share one call.</summary>
    /// <param name="cancellationToken">Stops waiting (the shared refresh carries on).</param>
    /// <exception cref="TokenRefreshException">The refresh failed.</exception>
    public Task<AuthTokens> RefreshAsync(CancellationToken cancellationToken = default) => RefreshTokensAsync(null, cancellationToken);

    /// <summary>
    /// Signs out: closes this client's realtime connections, revokes the refresh token (and its family) on the gateway
    /// and drops the tokens. Does nothing when not signed in.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call (the tokens are dropped anyway).</param>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        RealtimeConnection[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        var tokens = Tokens;
        if (tokens is null)
        {
            return;
        }

        try
        {
            await SendCoreAsync<ProblemBody>(
                HttpMethod.Post,
                "api/v1/auth/logout",
                () => JsonContent.Create(new RefreshTokenBody(tokens.RefreshToken), HttpJsonContext.Default.RefreshTokenBody),
                resultType: null,
                accessToken: null,
                gateway: null,
                cancellationToken).ConfigureAwait(false);
        }
        catch (GameClientException exception) when (exception.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            // Already revoked or rotated elsewhere: signed out all the same.
        }
        finally
        {
            SetTokens(null);
        }
    }

    /// <summary>The signed-in player's profile.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<PlayerProfile> GetProfileAsync(CancellationToken cancellationToken = default) => GetProfileAsync(RequirePlayerId(), cancellationToken);

    /// <summary>A player's profile: the caller's own (operators may read any; others get <see cref="GameErrorCodes.Forbidden"/>).</summary>
    /// <param name="playerId">The player id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<PlayerProfile> GetProfileAsync(string playerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(playerId);
        return await SendAuthorizedAsync(HttpMethod.Get, ProfilePath(playerId), null, HttpJsonContext.Default.PlayerProfile, null, cancellationToken).ConfigureAwait(false)
            ?? throw InvalidResponse("profile");
    }

    /// <summary>Changes the signed-in player's display name; returns the changed profile (and the player gets a <c>profile_changed</c> push).</summary>
    /// <param name="displayName">3 to 24 characters, no control characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<PlayerProfile> SetDisplayNameAsync(string displayName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        return await SendAuthorizedAsync(
            HttpMethod.Patch,
            ProfilePath(RequirePlayerId()),
            () => JsonContent.Create(new DisplayNameBody(displayName), HttpJsonContext.Default.DisplayNameBody),
            HttpJsonContext.Default.PlayerProfile,
            null,
            cancellationToken).ConfigureAwait(false) ?? throw InvalidResponse("profile");
    }

    /// <summary>A single-use connect nonce for the realtime socket (normally requested by <see cref="ConnectAsync(long?, CancellationToken)"/>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ConnectNonce> CreateConnectNonceAsync(CancellationToken cancellationToken = default) => CreateConnectNonceAsync(null, cancellationToken);

    /// <summary>
    /// Opens the realtime socket (trying each configured gateway once) and keeps it open: it reconnects with backoff
    /// after drops and when the gateway drains, and resumes the pushes after the last one seen.
    /// </summary>
    /// <param name="resumeAfterSeq">A push sequence persisted from an earlier run to resume after, or <see langword="null"/> to start with new pushes.</param>
    /// <param name="cancellationToken">Cancels opening (not the connection).</param>
    /// <returns>The open connection; dispose it to close.</returns>
    public Task<RealtimeConnection> ConnectAsync(long? resumeAfterSeq = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(resumeAfterSeq, null, cancellationToken);

    /// <summary>
    /// Opens the realtime socket like <see cref="ConnectAsync(long?, CancellationToken)"/>, calling
    /// <paramref name="configure"/> first so that event handlers see everything from the first message on (a
    /// <c>resync_required</c> can arrive right after the welcome).
    /// </summary>
    /// <param name="resumeAfterSeq">A push sequence persisted from an earlier run to resume after, or <see langword="null"/>.</param>
    /// <param name="configure">Attaches event handlers before the socket opens.</param>
    /// <param name="cancellationToken">Cancels opening (not the connection).</param>
    /// <returns>The open connection; dispose it to close.</returns>
    public async Task<RealtimeConnection> ConnectAsync(long? resumeAfterSeq, Action<RealtimeConnection>? configure, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (resumeAfterSeq is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(resumeAfterSeq), "A push sequence is never negative.");
        }

        _ = RequirePlayerId();
        var connection = new RealtimeConnection(this, _options, resumeAfterSeq);
        configure?.Invoke(connection);
        lock (_lock)
        {
            _connections.Add(connection);
        }

        try
        {
            await connection.StartAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the realtime connections and releases the HTTP client. The tokens stay valid on the gateway.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        RealtimeConnection[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    /// <summary>A connect nonce issued by <paramref name="gateway"/> (the current one when <see langword="null"/>).</summary>
    internal async Task<ConnectNonce> CreateConnectNonceAsync(Uri? gateway, CancellationToken cancellationToken) =>
        await SendAuthorizedAsync(HttpMethod.Post, "api/v1/auth/nonce", null, HttpJsonContext.Default.ConnectNonce, gateway, cancellationToken).ConfigureAwait(false)
            ?? throw InvalidResponse("nonce");

    /// <summary>Forgets a connection that closed.</summary>
    internal void Forget(RealtimeConnection connection)
    {
        lock (_lock)
        {
            _connections.Remove(connection);
        }
    }

    private async Task<AuthTokens> SignInAsync(string path, Func<HttpContent> body, CancellationToken cancellationToken)
    {
        var tokens = await SendCoreAsync(HttpMethod.Post, path, body, HttpJsonContext.Default.AuthTokens, null, null, cancellationToken).ConfigureAwait(false)
            ?? throw InvalidResponse("tokens");
        SetTokens(tokens);
        return tokens;
    }

    private string RequirePlayerId() =>
        PlayerId ?? throw new GameClientException(GameErrorCodes.NotSignedIn, "Sign in first (LoginAsGuestAsync, LoginAsync, RegisterAsync or RestoreSession).");

    private static string ProfilePath(string playerId) => $"api/v1/players/{Uri.EscapeDataString(playerId)}/profile";

    private static GameClientException InvalidResponse(string what) =>
        new(GameErrorCodes.InvalidResponse, $"The gateway answered without the expected {what}.");
}
