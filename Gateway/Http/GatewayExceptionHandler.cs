using Microsoft.AspNetCore.Diagnostics;

namespace GameCluster.Gateway.Http;

/// <summary>
/// Maps exceptions to problem+json with a stable code: bad input is 4xx (never 500), an unavailable cluster is 503,
/// anything else is 500 with the details only in the log.
/// </summary>
public sealed partial class GatewayExceptionHandler(ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problems.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "The request body is too large."),
            BadHttpRequestException bad => Problems.Create(bad.StatusCode, ErrorCodes.InvalidRequest, "The request is malformed: " + bad.Message),
            ArgumentException argument => Problems.Invalid(argument.Message),
            _ when ClusterUnavailable.Is(exception) =>
                Problems.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, ClusterUnavailable.Message),
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = Problems.Create(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "An unexpected error occurred.");
        }
        else if (problem.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(EventId = 8000, Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
