using GameCluster.Reminders;
using GameCluster.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GameCluster.Hosting;

/// <summary>Registers grain storage providers and reminder tables.</summary>
public static class StorageHostingExtensions
{
    /// <summary>Adds in-memory grain storage (tests and benchmarks; nothing survives a restart).</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder silo, string name = Runtime.GrainStorageNames.Default)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new MemoryGrainStorage(name, sp.GetRequiredService<GrainStateSerializer>(), sp.GetRequiredService<TimeProvider>()));
        AddExpiredStateSweep(silo, name);
        return silo;
    }

    /// <summary>Adds grain storage in a SQLite file (the embedded default).</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, Action<SqliteStorageOptions>? configure = null)
    {
        var options = new SqliteStorageOptions();
        configure?.Invoke(options);
        return AddSqlGrainStorage(silo, name, sp => sp.GetRequiredService<SqlDatabaseRegistry>().GetSqlite(options));
    }

    /// <summary>Adds grain storage in PostgreSQL.</summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder silo, string name, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PostgresStorageOptions();
        configure(options);
        return AddSqlGrainStorage(silo, name, sp => sp.GetRequiredService<SqlDatabaseRegistry>().GetPostgres(options));
    }

    /// <summary>Stores reminders in a SQLite file.</summary>
    public static ISiloBuilder UseSqliteReminders(this ISiloBuilder silo, Action<SqliteStorageOptions>? configure = null)
    {
        var options = new SqliteStorageOptions();
        configure?.Invoke(options);
        return UseSqlReminders(silo, sp => sp.GetRequiredService<SqlDatabaseRegistry>().GetSqlite(options));
    }

    /// <summary>Stores reminders in PostgreSQL.</summary>
    public static ISiloBuilder UsePostgresReminders(this ISiloBuilder silo, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PostgresStorageOptions();
        configure(options);
        return UseSqlReminders(silo, sp => sp.GetRequiredService<SqlDatabaseRegistry>().GetPostgres(options));
    }

    private static ISiloBuilder AddSqlGrainStorage(ISiloBuilder silo, string name, Func<IServiceProvider, SqlDatabase> database)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => ActivatorUtilities.CreateInstance<SqlGrainStorage>(sp, name, database(sp)));
        silo.Services.AddSingleton<ISiloLifecycleParticipant>(sp => (SqlGrainStorage)sp.GetRequiredKeyedService<IGrainStorage>(name));
        AddExpiredStateSweep(silo, name);
        return silo;
    }

    private static void AddExpiredStateSweep(ISiloBuilder silo, string name)
    {
        silo.Services.AddSingleton<IExpiringGrainStorage>(sp => (IExpiringGrainStorage)sp.GetRequiredKeyedService<IGrainStorage>(name));
        if (!silo.Services.Any(d => d.ServiceType == typeof(ExpiredStateSweeper)))
        {
            silo.Services.AddOptions<GrainStateExpiryOptions>().BindConfiguration(GrainStateExpiryOptions.SectionName).ValidateOnStart();
            silo.Services.AddSingleton<IValidateOptions<GrainStateExpiryOptions>, GrainStateExpiryOptionsValidator>();
            silo.Services.AddSingleton<ExpiredStateSweeper>();
            silo.Services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<ExpiredStateSweeper>());
        }
    }

    private static ISiloBuilder UseSqlReminders(ISiloBuilder silo, Func<IServiceProvider, SqlDatabase> database)
    {
        silo.Services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.SectionName);
        silo.Services.RemoveAll<IReminderTable>();
        silo.Services.AddSingleton<IReminderTable>(sp => new SqlReminderTable(database(sp)));
        if (!silo.Services.Any(d => d.ServiceType == typeof(LocalReminderService)))
        {
            silo.Services.AddSingleton<ReminderOwnership>();
            silo.Services.AddSingleton<LocalReminderService>();
            silo.Services.AddSingleton<IReminderRegistry>(sp => sp.GetRequiredService<LocalReminderService>());
            silo.Services.AddSingleton<ISiloLifecycleParticipant>(sp => sp.GetRequiredService<LocalReminderService>());
        }

        return silo;
    }
}
