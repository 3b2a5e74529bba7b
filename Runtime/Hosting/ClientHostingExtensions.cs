using System.Reflection;
using GameCluster.Client;
using GameCluster.GrainDirectory;
using GameCluster.Membership;
using GameCluster.Messaging;
using GameCluster.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GameCluster.Hosting;

/// <summary>Adds a cluster client to a .NET host: <see cref="IClusterClient"/> and <see cref="IGrainFactory"/> become injectable.</summary>
public static class ClientHostingExtensions
{
    /// <summary>
    /// Runs a cluster client in this host. It reads the membership table to find the silos, routes each call to
    /// the silo that holds (or should place) the grain, and hosts observers.
    /// </summary>
    public static IHostApplicationBuilder UseClusterClient(this IHostApplicationBuilder builder, Action<IClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        GrainCallServices.Add(services);
        ClusteringHostingExtensions.AddClusterCore(services);
        services.AddOptions<ClientOptions>().BindConfiguration(ClientOptions.SectionName);
        services.AddSingleton<IIncomingRequestHandler, ClientRequestHandler>();
        services.AddSingleton<IClusterClient, ClusterClient>();
        services.AddHostedService<ClientConnector>();
        configure(new ClientBuilder(services, builder.Configuration));
        return builder;
    }

    /// <summary>Registers an assembly of grain interfaces the client calls.</summary>
    public static IClientBuilder AddGrainAssembly(this IClientBuilder client, Assembly assembly)
    {
        GrainCallServices.AddGrainAssembly(client.Services, assembly);
        return client;
    }

    /// <summary>Finds the cluster through its Redis membership table and grain directory.</summary>
    public static IClientBuilder UseRedisClustering(this IClientBuilder client, Action<RedisClusteringOptions>? configure = null)
    {
        ClusteringHostingExtensions.AddRedisTables(client.Services, configure);
        return client;
    }

    /// <summary>Finds the cluster through in-memory tables shared with silos in this process (tests).</summary>
    public static IClientBuilder UseInMemoryClustering(this IClientBuilder client, InMemoryMembershipTable table, InMemoryGrainDirectory directory)
    {
        ClusteringHostingExtensions.AddInMemoryTables(client.Services, table, directory);
        return client;
    }
}
