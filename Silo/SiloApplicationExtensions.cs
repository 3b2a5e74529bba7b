using System.Reflection;
using GameCluster.Grains.Player;
using GameCluster.Grains.Sessions;
using GameCluster.Hosting;
using GameCluster.Runtime;

namespace GameCluster.Silo;

/// <summary>Composes the silo host from configuration.</summary>
public static class SiloApplicationExtensions
{
    /// <summary>
    /// Adds the silo with the game's grains and the storage named in <c>Storage:Provider</c> (SQLite under
    /// <c>./data</c> unless configured), plus health checks.
    /// </summary>
    public static IHostApplicationBuilder AddGameSilo(this IHostApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(SiloStorageOptions.SectionName).Get<SiloStorageOptions>() ?? new SiloStorageOptions();
        var clustering = builder.Configuration.GetValue("Clustering:Provider", ClusteringProvider.None);
        builder.UseSilo(silo =>
        {
            silo.AddGrainAssembly(typeof(PlayerGrain).Assembly);
            foreach (var path in builder.Configuration.GetSection("Grains:Assemblies").Get<string[]>() ?? [])
            {
                silo.AddGrainAssembly(Assembly.LoadFrom(Path.GetFullPath(path)));
            }

            if (clustering == ClusteringProvider.Redis)
            {
                silo.UseRedisClustering();
            }

            switch (storage.Provider)
            {
                case StorageProvider.Sqlite:
                    silo.AddSqliteGrainStorage(GrainStorageNames.Default, o => Copy(storage.Sqlite, o));
                    silo.UseSqliteReminders(o => Copy(storage.Sqlite, o));
                    break;
                case StorageProvider.Postgres:
                    silo.AddPostgresGrainStorage(GrainStorageNames.Default, o => o.ConnectionString = storage.Postgres.ConnectionString);
                    silo.UsePostgresReminders(o => o.ConnectionString = storage.Postgres.ConnectionString);
                    break;
                case StorageProvider.Memory:
                    silo.AddMemoryGrainStorage();
                    break;
                default:
                    throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is not supported; use Sqlite, Postgres or Memory.");
            }
        });

        builder.Services.AddOptions<PlayerPushOptions>().BindConfiguration(PlayerPushOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PlayerPushOptions>, PlayerPushOptionsValidator>();
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
        return builder;
    }

    /// <summary>Maps <c>/health</c> (ready: the silo is active) and <c>/alive</c> (the process answers).</summary>
    public static WebApplication MapSiloEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapHealthChecks("/alive", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        return app;
    }

    private static void Copy(GameCluster.Storage.SqliteStorageOptions from, GameCluster.Storage.SqliteStorageOptions to)
    {
        to.DataDirectory = from.DataDirectory;
        to.FileName = from.FileName;
    }
}
