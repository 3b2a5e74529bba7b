using Microsoft.AspNetCore.Http.HttpResults;

namespace GameCluster.Gateway.Http;

/// <summary>Builds problem+json results that always carry a stable <c>code</c>.</summary>
public static class Problems
{
    /// <summary>A problem with the given status, code and human-readable detail.</summary>
    public static ProblemHttpResult Create(int statusCode, string code, string detail) =>
        TypedResults.Problem(
            statusCode: statusCode,
            title: TitleOf(statusCode),
            detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>400 with <see cref="ErrorCodes.InvalidRequest"/>.</summary>
    public static ProblemHttpResult Invalid(string detail) => Create(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, detail);

    /// <summary>401 with <see cref="ErrorCodes.Unauthenticated"/>.</summary>
    public static ProblemHttpResult Unauthenticated(string detail) => Create(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, detail);

    /// <summary>403 with <see cref="ErrorCodes.Forbidden"/>.</summary>
    public static ProblemHttpResult Forbidden(string detail) => Create(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, detail);

    /// <summary>404 with <see cref="ErrorCodes.NotFound"/>.</summary>
    public static ProblemHttpResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, detail);

    /// <summary>409 with <see cref="ErrorCodes.Conflict"/>.</summary>
    public static ProblemHttpResult Conflict(string detail) => Create(StatusCodes.Status409Conflict, ErrorCodes.Conflict, detail);

    private static string TitleOf(int statusCode) => statusCode switch
    {
        400 => "Bad request",
        401 => "Unauthenticated",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Payload too large",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => "Error",
    };
}
