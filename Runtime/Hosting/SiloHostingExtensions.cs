using System.Reflection;
using GameCluster.Runtime;
using GameCluster.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GameCluster.Hosting;

/// <summary>Adds a silo to a .NET host.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Runs a silo in this host: the grain runtime, activation collection and call timeouts, configured from the
    /// <c>Grains</c> and <c>Messaging</c> configuration sections, plus whatever <paramref name="configure"/> adds.
    /// </summary>
    public static IHostApplicationBuilder UseSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var silo = new SiloBuilder(services, builder.Configuration);
        if (!GrainCallServices.IsAdded(services))
        {
            GrainCallServices.Add(services);
            AddSiloServices(services);
        }

        configure?.Invoke(silo);
        return builder;
    }

    /// <summary>Registers an assembly (and the assemblies it references) whose grains and grain interfaces the silo serves.</summary>
    public static ISiloBuilder AddGrainAssembly(this ISiloBuilder silo, Assembly assembly)
    {
        GrainCallServices.AddGrainAssembly(silo.Services, assembly);
        return silo;
    }

    /// <summary>Adds an incoming grain call filter.</summary>
    public static ISiloBuilder AddIncomingGrainCallFilter<TFilter>(this ISiloBuilder silo) where TFilter : class, IIncomingGrainCallFilter
    {
        silo.Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        return silo;
    }

    /// <summary>Adds an outgoing grain call filter.</summary>
    public static ISiloBuilder AddOutgoingGrainCallFilter<TFilter>(this ISiloBuilder silo) where TFilter : class, IOutgoingGrainCallFilter
    {
        silo.Services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
        return silo;
    }

    private static void AddSiloServices(IServiceCollection services)
    {
        services.AddOptions<GrainCollectionOptions>().BindConfiguration(GrainCollectionOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GrainCollectionOptions>, GrainRuntimeOptionsValidator>();
        services.AddSingleton<StorageInstruments>();
        services.AddSingleton<GrainStateSerializer>();
        services.AddSingleton<SqlDatabaseRegistry>();
        services.AddSingleton<Catalog>();
        services.AddSingleton<IRequestRouter, LocalRequestRouter>();
        services.AddSingleton<ISiloLifecycleParticipant, CatalogLifecycle>();
        services.AddSingleton<ISiloLifecycleParticipant, ActivationCollector>();
        services.AddSingleton<SiloStatus>();
        services.AddHostedService<SiloHost>();
    }
}
