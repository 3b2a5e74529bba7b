using System.Data.Common;
using GameCluster.Hosting;
using Microsoft.Extensions.Logging;

namespace GameCluster.Storage;

/// <summary>
/// Grain storage in a SQL table (SQLite or PostgreSQL). Every write names the version it expects, so a stale
/// activation's write changes nothing and throws <see cref="InconsistentStateException"/>. A record past its expiry
/// reads as absent and is deleted by <see cref="DeleteExpiredAsync"/>.
/// </summary>
internal sealed partial class SqlGrainStorage(string name, SqlDatabase database, GrainStateSerializer serializer, StorageInstruments instruments, TimeProvider timeProvider, ILogger<SqlGrainStorage> logger)
    : IGrainStorage, IExpiringGrainStorage, ISiloLifecycleParticipant
{
    public string Name => name;

    public int Stage => SiloLifecycleStage.Storage;

    public string ParticipantName => $"grain storage '{name}'";

    public Task OnStartAsync(CancellationToken cancellationToken) => database.EnsureSchemaAsync(cancellationToken);

    public Task OnStopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        using var measure = instruments.Measure(name, StorageOperation.Read);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = SqlDatabase.CreateCommand(connection, null,
            $"SELECT {database.Dialect.JsonColumn}, version, expires_at_ms FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @name",
            ("@type", grainId.Type), ("@key", grainId.Key), ("@name", stateName));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            grainState.ResetState();
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.ExpiresAt = null;
            measure.Complete();
            return;
        }

        var version = reader.GetInt64(1);
        var expiresAt = await reader.IsDBNullAsync(2, cancellationToken) ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
        if (await reader.IsDBNullAsync(0, cancellationToken) || StateExpiry.HasExpired(expiresAt, timeProvider))
        {
            // Expired reads as absent; the version stays, so a write still names the row it replaces.
            grainState.ResetState();
            grainState.RecordExists = false;
            grainState.ExpiresAt = null;
        }
        else
        {
            grainState.State = serializer.Deserialize(reader.GetString(0), () => { grainState.ResetState(); return grainState.State; });
            grainState.RecordExists = true;
            grainState.ExpiresAt = expiresAt;
        }

        grainState.ETag = EtagVersion.Format(version);
        measure.Complete();
    }

    public async Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        using var measure = instruments.Measure(name, StorageOperation.Write);
        var json = serializer.Serialize(grainState.State);
        var version = await WriteAsync(stateName, grainId, grainState.ETag, json, grainState.ExpiresAt, cancellationToken);
        grainState.ETag = EtagVersion.Format(version);
        grainState.RecordExists = true;
        measure.Complete();
    }

    public async Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        using var measure = instruments.Measure(name, StorageOperation.Clear);
        var version = await WriteAsync(stateName, grainId, grainState.ETag, null, expiresAt: null, cancellationToken);
        grainState.ResetState();
        grainState.ETag = EtagVersion.Format(version);
        grainState.RecordExists = false;
        grainState.ExpiresAt = null;
        measure.Complete();
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = SqlDatabase.CreateCommand(connection, null,
            $"DELETE FROM grain_state WHERE expires_at_ms <= @now AND {database.Dialect.RowId} IN (SELECT {database.Dialect.RowId} FROM grain_state WHERE expires_at_ms <= @now LIMIT @limit)",
            ("@now", now.ToUnixTimeMilliseconds()), ("@limit", limit));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> WriteAsync(string stateName, GrainId grainId, string? etag, string? json, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var expiresAtMs = expiresAt?.ToUnixTimeMilliseconds();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        long newVersion;
        DbCommand command;
        if (etag is null)
        {
            newVersion = 1;
            command = SqlDatabase.CreateCommand(connection, null,
                $"INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at, expires_at_ms) VALUES (@type, @key, @name, {database.Dialect.JsonParameter}, 1, @now, @expires) ON CONFLICT DO NOTHING",
                ("@type", grainId.Type), ("@key", grainId.Key), ("@name", stateName), ("@payload", json), ("@now", database.Dialect.Now()), ("@expires", expiresAtMs));
        }
        else
        {
            var expected = EtagVersion.Parse(etag, grainId, stateName);
            newVersion = expected + 1;
            command = SqlDatabase.CreateCommand(connection, null,
                $"UPDATE grain_state SET payload = {database.Dialect.JsonParameter}, version = @next, updated_at = @now, expires_at_ms = @expires WHERE grain_type = @type AND grain_key = @key AND state_name = @name AND version = @expected",
                ("@type", grainId.Type), ("@key", grainId.Key), ("@name", stateName), ("@payload", json), ("@now", database.Dialect.Now()),
                ("@expires", expiresAtMs), ("@next", newVersion), ("@expected", expected));
        }

        await using (command)
        {
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return newVersion;
            }
        }

        LogConflict(logger, stateName, grainId, etag);
        throw new InconsistentStateException(
            $"State '{stateName}' of {grainId} was changed by another activation since this one read it (held ETag {etag ?? "none"}); the write was rejected.",
            storedEtag: null,
            currentEtag: etag);
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Rejected a stale write of state {StateName} of {GrainId} (held ETag {Etag})")]
    private static partial void LogConflict(ILogger logger, string stateName, GrainId grainId, string? etag);
}
