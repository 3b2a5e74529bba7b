using GameCluster.Gateway.Http;
using GameCluster.Gateway.Operator;
using GameCluster.Gateway.Players;
using GameCluster.Gateway.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.Auth;

/// <summary>Wires accounts, tokens, authorization policies and rate limits into the gateway.</summary>
public static class AuthHostingExtensions
{
    /// <summary>Registers options, token services, JWT bearer authentication, the policies and the rate limiter.</summary>
    public static IHostApplicationBuilder AddGatewayAuth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<ServiceAccountAuthenticator>();
        services.AddSingleton<IConnectNonceRedeemer, ConnectNonceRedeemer>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerOptionsSetup>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorizationBuilder()
            .AddPolicy(GatewayClaims.PlayerPolicy, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireRole(GatewayClaims.PlayerRole)
                .RequireAssertion(HasSubject))
            .AddPolicy(GatewayClaims.PlayerOrOperatorPolicy, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireRole(GatewayClaims.PlayerRole, GatewayClaims.OperatorRole)
                .RequireAssertion(HasSubject))
            .AddPolicy(GatewayClaims.OperatorPolicy, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireRole(GatewayClaims.OperatorRole));
        services.AddGatewayRateLimits();

        // Malformed bodies (bad JSON, wrong types, missing body, wrong content type) surface as BadHttpRequestException,
        // which the gateway's exception handler answers as 4xx problem+json with a stable code.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.MaxDepth = 16);
        services.AddProblemCodeDefaults();
        return builder;
    }

    /// <summary>
    /// Adds authentication, the rate limiter (after authentication, so limits can be per player; before
    /// authorization, so refused attempts count too) and authorization; loads the signing key now so that a bad
    /// key stops the host at start.
    /// </summary>
    public static WebApplication UseGatewayAuth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<SigningKeyProvider>().Key;
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Maps the auth, player and operator endpoints.</summary>
    public static IEndpointRouteBuilder MapGatewayAuthApis(this IEndpointRouteBuilder app)
    {
        app.MapAuthApiV1();
        app.MapPlayerApiV1();
        app.MapOperatorApiV1();
        return app;
    }

    private static bool HasSubject(AuthorizationHandlerContext context) =>
        context.User.FindFirst(GatewayClaims.PlayerId) is { Value.Length: > 0 };
}
