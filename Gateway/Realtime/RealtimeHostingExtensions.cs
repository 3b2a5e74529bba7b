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
        services.AddSingleton<RealtimeServices>();
        services.AddSingleton<RealtimeEndpoint>();
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
