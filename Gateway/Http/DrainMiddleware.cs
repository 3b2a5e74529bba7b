namespace GameCluster.Gateway.Http;

/// <summary>While draining, answers every request except health probes with 503 and Retry-After.</summary>
public sealed class DrainMiddleware(RequestDelegate next, DrainState drain)
{
    /// <summary>Runs the middleware.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (drain.IsDraining && !context.Request.Path.StartsWithSegments("/alive") && !context.Request.Path.StartsWithSegments("/health"))
        {
            context.Response.Headers.RetryAfter = drain.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Problems.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, "This gateway is shutting down; retry on another one.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
