using System.Reflection;

namespace GameCluster.Gateway;

/// <summary>Adds the client-facing gateway to a web host (standalone, or co-hosted with a silo).</summary>
public static class GatewayHostingExtensions
{
    /// <summary>Registers the gateway's services when <c>Gateway:Enabled</c> is true.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName);
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>Maps the gateway's API under <c>/api/v1</c> when enabled.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        var options = app.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        if (!options.Enabled)
        {
            return app;
        }

        var api = app.MapGroup("/api/v1");
        api.MapGet("/info", () => TypedResults.Ok(new GatewayInfo(
            "gamecluster",
            typeof(GatewayHostingExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev")));
        return app;
    }
}
