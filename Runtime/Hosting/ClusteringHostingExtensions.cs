using GameCluster.GrainDirectory;
using GameCluster.Membership;
using GameCluster.Messaging;
using GameCluster.Placement;
using GameCluster.Redis;
using GameCluster.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GameCluster.Hosting;

/// <summary>Turns a silo into a cluster member: TCP messaging, membership with failure detection, a grain directory.</summary>
public static class ClusteringHostingExtensions
{
    /// <summary>
    /// Clusters through Redis (production): membership in a Redis hash, the grain directory as Redis keys. Reads
    /// <c>Cluster</c>, <c>Clustering:Redis</c>, <c>Silo</c>, <c>Membership</c> and <c>Messaging</c> from configuration.
    /// </summary>
    public static ISiloBuilder UseRedisClustering(this ISiloBuilder silo, Action<RedisClusteringOptions>? configure = null)
    {
        AddRedisTables(silo.Services, configure);
        AddSiloClusterServices(silo.Services);
        return silo;
    }

    /// <summary>Clusters through tables held in memory and shared by the silos of one process (development and tests).</summary>
    public static ISiloBuilder UseInMemoryClustering(this ISiloBuilder silo, InMemoryMembershipTable table, InMemoryGrainDirectory directory)
    {
        AddInMemoryTables(silo.Services, table, directory);
        AddSiloClusterServices(silo.Services);
        return silo;
    }

    internal static void AddRedisTables(IServiceCollection services, Action<RedisClusteringOptions>? configure)
    {
        var options = services.AddOptions<RedisClusteringOptions>().BindConfiguration(RedisClusteringOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<RedisClusteringOptions>, RedisClusteringOptionsValidator>();
        services.TryAddSingleton<IRedisClient, StackExchangeRedisClient>();
        services.TryAddSingleton<IMembershipTable, RedisMembershipTable>();
        services.TryAddSingleton<IGrainDirectory, RedisGrainDirectory>();
    }

    internal static void AddInMemoryTables(IServiceCollection services, InMemoryMembershipTable table, InMemoryGrainDirectory directory)
    {
        services.AddSingleton<IMembershipTable>(table);
        services.AddSingleton<IGrainDirectory>(directory);
    }

    /// <summary>Messaging, membership view, routing and placement: shared by silos and clients.</summary>
    internal static void AddClusterCore(IServiceCollection services)
    {
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        services.AddOptions<MembershipOptions>().BindConfiguration(MembershipOptions.SectionName);
        services.AddOptions<MessagingOptions>().BindConfiguration("Messaging");
        services.AddSingleton<MembershipService>();
        services.AddSingleton<MessageCenter>();
        services.AddSingleton<ConnectionManager>();
        services.AddSingleton<SiloStatistics>();
        services.AddSingleton<PlacementService>();
        services.AddSingleton<GrainLocator>();
        services.AddSingleton<ObserverRegistry>();
        services.AddSingleton<ClusterRequestRouter>();
        services.Replace(ServiceDescriptor.Singleton<IRequestRouter>(sp => sp.GetRequiredService<ClusterRequestRouter>()));
        services.AddSingleton<IRejectionHandler>(sp => sp.GetRequiredService<ClusterRequestRouter>());
    }

    private static void AddSiloClusterServices(IServiceCollection services)
    {
        AddClusterCore(services);
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName);
        services.AddSingleton<LocalSilo>();
        services.AddSingleton<IIncomingRequestHandler, CatalogRequestHandler>();
        services.AddSingleton<MembershipAgent>();
        services.AddSingleton<ISiloLifecycleParticipant, MessagingLifecycle>();
        services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<MembershipAgent>());
        services.AddSingleton<ISiloLifecycleParticipant, MembershipActivation>();
        services.AddSingleton<ISiloLifecycleParticipant, DirectoryRepair>();
    }
}
