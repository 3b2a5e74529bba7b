namespace GameCluster.Gateway.Http;

/// <summary>
/// Gives problem+json written by the framework itself (unknown route 404, wrong method 405, unsupported media type
/// 415) the same stable <c>code</c> member as the gateway's own problems; a code already set is kept.
/// </summary>
public static class ProblemCodeDefaults
{
    /// <summary>Adds the default codes to every problem details response.</summary>
    public static IServiceCollection AddProblemCodeDefaults(this IServiceCollection services) =>
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                context.ProblemDetails.Extensions.TryAdd("code", CodeOf(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode));
            };
        });

    /// <summary>The stable code of a status without a more specific one.</summary>
    public static string CodeOf(int statusCode) => statusCode switch
    {
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthenticated,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.PayloadTooLarge,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.Unavailable,
        >= 400 and < 500 => ErrorCodes.InvalidRequest,
        _ => ErrorCodes.InternalError,
    };
}
