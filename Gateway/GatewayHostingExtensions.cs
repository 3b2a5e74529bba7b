using System.Reflection;
using GameCluster.Gateway.Auth;
using GameCluster.Gateway.Http;
using GameCluster.Gateway.Realtime;

namespace GameCluster.Gateway;

/// <summary>Adds the client-facing gateway to a web host (standalone as a cluster client, or co-hosted with a silo).</summary>
public static class GatewayHostingExtensions
{
    /// <summary>Registers the gateway's services: problem details, error mapping, limits, draining.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName);
        services.AddOptions<GatewayLimitsOptions>().BindConfiguration(GatewayLimitsOptions.SectionName);
        var limits = builder.Configuration.GetSection(GatewayLimitsOptions.SectionName).Get<GatewayLimitsOptions>() ?? new GatewayLimitsOptions();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        services.AddProblemDetails();
        services.AddExceptionHandler<GatewayExceptionHandler>();
        services.AddSingleton<DrainState>();
        services.AddOpenApi();
        builder.AddGatewayAuth();
        if ((builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions()).Enabled)
        {
            // Only where /ws is served: the push mailbox poller is a background service, useless on a silo without a gateway.
            services.AddRealtime();
            services.AddRealtimeConnectionUpgrade();
        }

        return builder;
    }

    /// <summary>Maps the gateway's middleware and API under <c>/api/v1</c> when enabled.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        var options = app.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        if (!options.Enabled)
        {
            return app;
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<DrainMiddleware>();
        app.UseWebSockets();
        app.UseGatewayAuth();
        app.MapOpenApi("/openapi/v1.json");
        var api = app.MapGroup("/api/v1");
        api.MapGet("/info", () => TypedResults.Ok(new GatewayInfo(
            "gamecluster",
            typeof(GatewayHostingExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev")))
            .WithName("GetInfo");
        app.MapGatewayAuthApis();
        app.MapRealtime();
        return app;
    }
}
