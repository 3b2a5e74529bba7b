using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GameCluster.Client.Json;

namespace GameCluster.Client;

/// <summary>HTTP plumbing: timeouts, bearer tokens with one refresh-and-retry on 401, problem+json to exceptions.</summary>
public sealed partial class GameClient
{
    /// <summary>Sends with a fresh access token; on 401 refreshes once (shared with concurrent callers) and retries.</summary>
    private async Task<T?> SendAuthorizedAsync<T>(
        HttpMethod method, string path, Func<HttpContent>? body, JsonTypeInfo<T>? resultType, Uri? gateway, CancellationToken cancellationToken)
    {
        var tokens = await GetFreshTokensAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendCoreAsync(method, path, body, resultType, tokens.AccessToken, gateway, cancellationToken).ConfigureAwait(false);
        }
        catch (GameClientException exception) when (exception.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The gateway rejected the token (expired by its clock, or the client's clock is off): refresh and retry once.
            tokens = await RefreshTokensAsync(tokens, cancellationToken).ConfigureAwait(false);
            return await SendCoreAsync(method, path, body, resultType, tokens.AccessToken, gateway, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One HTTP call with the request timeout; a non-2xx answer or a transport failure throws <see cref="GameClientException"/>.</summary>
    private async Task<T?> SendCoreAsync<T>(
        HttpMethod method, string path, Func<HttpContent>? body, JsonTypeInfo<T>? resultType, string? accessToken, Uri? gateway, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var endpoint = gateway ?? Gateways.Current;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        timeout.CancelAfter(_options.RequestTimeout);
        using var request = new HttpRequestMessage(method, new Uri(endpoint, path)) { Content = body?.Invoke() };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await ToExceptionAsync(response, endpoint, timeout.Token).ConfigureAwait(false);
            }

            if (resultType is null)
            {
                return default;
            }

            try
            {
                return await response.Content.ReadFromJsonAsync(resultType, timeout.Token).ConfigureAwait(false);
            }
            catch (JsonException exception)
            {
                throw new GameClientException(GameErrorCodes.InvalidResponse, $"{method} {path}: the gateway's answer is not the expected JSON.", response.StatusCode, null, exception);
            }
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && !_disposed.IsCancellationRequested)
        {
            throw new GameClientException(GameErrorCodes.Timeout, $"{method} {path} on {endpoint} took longer than {_options.RequestTimeout}.", innerException: exception);
        }
        catch (HttpRequestException exception)
        {
            Gateways.Advance(endpoint);
            throw new GameClientException(GameErrorCodes.ConnectionFailed, $"{method} {path}: the gateway {endpoint} could not be reached: {exception.Message}", innerException: exception);
        }
    }

    private async Task<GameClientException> ToExceptionAsync(HttpResponseMessage response, Uri endpoint, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _options.TimeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => (TimeSpan?)null,
        };
        ProblemBody? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync(HttpJsonContext.Default.ProblemBody, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                // Not a problem document after all: the status decides the code.
            }
        }

        if (status == HttpStatusCode.ServiceUnavailable)
        {
            Gateways.Advance(endpoint); // draining or down: the next call goes to the next gateway
        }

        var code = problem?.Code is { Length: > 0 } given ? given : CodeOf(status);
        var message = problem?.Detail ?? problem?.Title ?? $"The gateway answered {(int)status} {response.ReasonPhrase}.";
        return new GameClientException(code, message, status, retryAfter);
    }

    /// <summary>The stable code of an HTTP status without a problem body.</summary>
    internal static string CodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => GameErrorCodes.InvalidRequest,
        HttpStatusCode.Unauthorized => GameErrorCodes.Unauthenticated,
        HttpStatusCode.Forbidden => GameErrorCodes.Forbidden,
        HttpStatusCode.NotFound => GameErrorCodes.NotFound,
        HttpStatusCode.Conflict => GameErrorCodes.Conflict,
        HttpStatusCode.RequestEntityTooLarge => GameErrorCodes.PayloadTooLarge,
        HttpStatusCode.TooManyRequests => GameErrorCodes.RateLimited,
        HttpStatusCode.ServiceUnavailable => GameErrorCodes.Unavailable,
        HttpStatusCode.InternalServerError => GameErrorCodes.InternalError,
        _ => GameErrorCodes.HttpError,
    };
}
