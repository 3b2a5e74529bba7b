using System.Net;
using System.Net.Http.Json;
using GameCluster.Client.Json;

namespace GameCluster.Client;

/// <summary>Token upkeep: proactive refresh near expiry, single-flight rotation, sign-out when the refresh token is rejected.</summary>
public sealed partial class GameClient
{
    /// <summary>The current tokens, refreshed first when the access token is within the refresh margin of its expiry.</summary>
    internal async Task<AuthTokens> GetFreshTokensAsync(CancellationToken cancellationToken)
    {
        var tokens = Tokens ?? throw NotSignedIn();
        if (_options.TimeProvider.GetUtcNow() + _options.AccessTokenRefreshMargin < tokens.AccessTokenExpiresAt)
        {
            return tokens;
        }

        return await RefreshTokensAsync(tokens, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rotates the refresh token. Concurrent callers share one call; a caller whose <paramref name="stale"/> tokens were
    /// already replaced gets the new ones without another call. <see langword="null"/> forces a refresh.
    /// </summary>
    internal Task<AuthTokens> RefreshTokensAsync(AuthTokens? stale, CancellationToken cancellationToken)
    {
        Task<AuthTokens> refresh;
        lock (_lock)
        {
            if (_tokens is null)
            {
                throw NotSignedIn();
            }

            if (stale is not null && !ReferenceEquals(stale, _tokens))
            {
                return Task.FromResult(_tokens);
            }

            refresh = _refreshing ??= RunRefreshAsync(_tokens);
        }

        return refresh.WaitAsync(cancellationToken);
    }

    private async Task<AuthTokens> RunRefreshAsync(AuthTokens current)
    {
        await Task.Yield(); // leave the caller's lock before anything can complete
        AuthTokens? fresh = null;
        try
        {
            // Not the caller's token: one caller giving up must not cancel the refresh the others wait for.
            fresh = await SendCoreAsync(
                HttpMethod.Post,
                "api/v1/auth/refresh",
                () => JsonContent.Create(new RefreshTokenBody(current.RefreshToken), HttpJsonContext.Default.RefreshTokenBody),
                HttpJsonContext.Default.AuthTokens,
                accessToken: null,
                gateway: null,
                _disposed.Token).ConfigureAwait(false) ?? throw InvalidResponse("tokens");
        }
        catch (GameClientException exception) when (exception.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest)
        {
            var signedOut = false;
            lock (_lock)
            {
                _refreshing = null;
                if (ReferenceEquals(_tokens, current))
                {
                    _tokens = null;
                    signedOut = true;
                }
            }

            if (signedOut)
            {
                RaiseTokensChanged(null);
            }

            throw new TokenRefreshException(
                exception.Code,
                "The refresh token was rejected (expired, revoked, or already used); sign in again. " + exception.Message,
                isSignedOut: true,
                exception.StatusCode,
                exception.RetryAfter,
                exception);
        }
        catch (GameClientException exception)
        {
            lock (_lock)
            {
                _refreshing = null;
            }

            throw new TokenRefreshException(exception.Code, "Refreshing the access token failed: " + exception.Message, isSignedOut: false, exception.StatusCode, exception.RetryAfter, exception);
        }
        catch
        {
            lock (_lock)
            {
                _refreshing = null;
            }

            throw;
        }

        bool replaced;
        lock (_lock)
        {
            _refreshing = null;
            replaced = ReferenceEquals(_tokens, current);
            if (replaced)
            {
                _tokens = fresh;
            }
        }

        if (!replaced)
        {
            // Signed out or signed in again meanwhile: those tokens win.
            return Tokens ?? throw NotSignedIn();
        }

        RaiseTokensChanged(fresh);
        return fresh;
    }

    private void SetTokens(AuthTokens? tokens)
    {
        lock (_lock)
        {
            _tokens = tokens;
        }

        RaiseTokensChanged(tokens);
    }

    private void RaiseTokensChanged(AuthTokens? tokens)
    {
        try
        {
            TokensChanged?.Invoke(this, tokens);
        }
        catch (Exception)
        {
            // An application handler failed; the client's own state is already consistent.
        }
    }

    private static TokenRefreshException NotSignedIn() =>
        new(GameErrorCodes.NotSignedIn, "Not signed in: sign in first, or again after a sign-out.", isSignedOut: true);
}
