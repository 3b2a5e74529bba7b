using System.Reflection;
using GameCluster.Diagnostics;
using GameCluster.Invocation;
using GameCluster.Metadata;
using GameCluster.Runtime;
using GameCluster.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        if (!services.Any(d => d.ServiceType == typeof(GrainAssemblies)))
        {
            AddRuntimeServices(services);
        }

        configure?.Invoke(silo);
        return builder;
    }

    /// <summary>Registers an assembly (and the assemblies it references) whose grains and grain interfaces the silo serves.</summary>
    public static ISiloBuilder AddGrainAssembly(this ISiloBuilder silo, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var assemblies = (GrainAssemblies)silo.Services.First(d => d.ServiceType == typeof(GrainAssemblies)).ImplementationInstance!;
        assemblies.Assemblies.Add(assembly);
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

    private static void AddRuntimeServices(IServiceCollection services)
    {
        services.AddSingleton(new GrainAssemblies());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GrainCollectionOptions>().BindConfiguration(GrainCollectionOptions.SectionName).ValidateOnStart();
        services.AddOptions<GrainCallOptions>().BindConfiguration(GrainCallOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GrainCollectionOptions>, GrainRuntimeOptionsValidator>();
        services.AddSingleton<IValidateOptions<GrainCallOptions>, GrainRuntimeOptionsValidator>();
        services.AddSingleton(sp => GrainManifest.FromAssemblies(sp.GetRequiredService<GrainAssemblies>().Assemblies));
        services.AddSingleton<GrainInstruments>();
        services.AddSingleton<StorageInstruments>();
        services.AddSingleton<GrainStateSerializer>();
        services.AddSingleton<SqlDatabaseRegistry>();
        services.AddSingleton<Catalog>();
        services.AddSingleton<GrainCallInvoker>();
        services.AddSingleton<IGrainCallInvoker>(sp => sp.GetRequiredService<GrainCallInvoker>());
        services.AddSingleton<IGrainFactory, GrainFactory>();
        services.AddSingleton<ISiloLifecycleParticipant, CatalogLifecycle>();
        services.AddSingleton<ISiloLifecycleParticipant, ActivationCollector>();
        services.AddSingleton<SiloStatus>();
        services.AddHostedService<SiloHost>();
    }
}
