using System.Reflection;
using GameCluster.Diagnostics;
using GameCluster.Invocation;
using GameCluster.Metadata;
using GameCluster.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GameCluster.Hosting;

/// <summary>What silos and clients both need to make grain calls: the manifest, references, the invoker, timeouts.</summary>
internal static class GrainCallServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(new GrainAssemblies());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GrainCallOptions>().BindConfiguration(GrainCallOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GrainCallOptions>, GrainRuntimeOptionsValidator>();
        services.AddSingleton(sp => GrainManifest.FromAssemblies(sp.GetRequiredService<GrainAssemblies>().Assemblies));
        services.AddSingleton<GrainInstruments>();
        services.AddSingleton<CallTimeoutTracker>();
        services.AddSingleton<GrainCallInvoker>();
        services.AddSingleton<IGrainCallInvoker>(sp => sp.GetRequiredService<GrainCallInvoker>());
        services.AddSingleton<IGrainFactory, GrainFactory>();
    }

    public static bool IsAdded(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(GrainAssemblies));

    public static void AddGrainAssembly(IServiceCollection services, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var assemblies = (GrainAssemblies)services.First(d => d.ServiceType == typeof(GrainAssemblies)).ImplementationInstance!;
        assemblies.Assemblies.Add(assembly);
    }
}
