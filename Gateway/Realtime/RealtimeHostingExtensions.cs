using GameCluster.Gateway.Realtime.Upgrade;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.Realtime;

/// <summary>Registers and maps the realtime socket.</summary>
public static class RealtimeHostingExtensions
{
    /// <summary>The socket's path.</summary>
    public const string Path = "/ws";

    /// <summary>Adds the realtime socket's services, with <see cref="RealtimeOptions"/> bound from <c>Gateway:Realtime</c> and validated at start.</summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RealtimeOptions>, RealtimeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RealtimeRateLimiter>();
        services.AddSingleton<RealtimeSessionRegistry>();
        services.AddSingleton<RealtimeDispatcher>();
        services.AddSingleton<RealtimePushMailbox>();
        services.AddHostedService(static sp => sp.GetRequiredService<RealtimePushMailbox>());
        services.AddSingleton<RealtimeServices>();
        services.AddSingleton<RealtimeAuthenticator>();
        services.AddSingleton<RealtimeInstruments>();
        services.AddSingleton<RealtimeEndpoint>();
        return services;
    }

    /// <summary>
    /// Puts <see cref="RealtimeUpgradeMiddleware"/> in front of the HTTP server on every Kestrel endpoint through
    /// <see cref="KestrelServerOptions.ConfigureEndpointDefaults"/>, unless <see cref="RealtimeUpgradeInstallation"/>
    /// finds it disabled. That has one slot: a later <c>ConfigureEndpointDefaults</c> replaces this, and endpoints added
    /// with <c>Listen</c> before it do not get it; the gateway logs at start where it runs (a warning when not on every
    /// address). Call it only where <c>/ws</c> is mapped.
    /// </summary>
    public static IServiceCollection AddRealtimeConnectionUpgrade(this IServiceCollection services)
    {
        services.AddSingleton<RealtimeUpgradeInstallation>();
        services.AddHostedService<RealtimeUpgradeReporter>();
        services.AddOptions<KestrelServerOptions>().Configure(static kestrel => kestrel.ConfigureEndpointDefaults(static listen =>
            listen.ApplicationServices.GetRequiredService<RealtimeUpgradeInstallation>().Install(listen)));
        return services;
    }

    /// <summary>Maps <c>/ws</c> (the endpoint authenticates connections itself); needs <c>UseWebSockets()</c> earlier in the pipeline.</summary>
    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder app)
    {
        app.Map(Path, static context => context.RequestServices.GetRequiredService<RealtimeEndpoint>().HandleAsync(context))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
