using System.Globalization;
using System.Text.Json;
using GameCluster.Hosting;
using GameCluster.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.Membership;

/// <summary>
/// The membership table in one Redis hash per cluster (<c>{prefix}membership</c>): a <c>version</c> field holding
/// the table version token (<c>{version}:{random}</c>, or <c>0</c> for a new table) and one field per silo
/// (<c>host:port@generation</c>) holding the JSON of its entry and row ETag. Every insert and update is a Lua
/// script that checks the table version, and for updates the row ETag, and writes row and version together, so
/// exactly one of concurrent writers of the same version wins. A missing hash (new cluster, or Redis restarted
/// without persistence) reads as an empty table at version 0, so silos can re-register without an operator.
/// </summary>
public sealed partial class RedisMembershipTable : IMembershipTable
{
    private const string VersionField = "version";
    private const string InitialVersionToken = "0";

    private const long Won = 1;
    private const long VersionConflict = 0;

    // ARGV: 1 silo field, 2 expected version token, 3 new version, 4 new version token, 5 row JSON.
    // Replies: 1 written, 0 table version changed, 2 the silo already has a row.
    private const string InsertScript = """
        local current = redis.call('HGET', KEYS[1], 'version') or '0'
        if current ~= ARGV[2] or tonumber(string.match(current, '^%d+')) + 1 ~= tonumber(ARGV[3]) then
            return 0
        end
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
            return 2
        end
        redis.call('HSET', KEYS[1], 'version', ARGV[4], ARGV[1], ARGV[5])
        return 1
        """;

    // ARGV: 1 silo field, 2 expected version token, 3 new version, 4 new version token, 5 row JSON, 6 expected row ETag.
    // Replies: 1 written, 0 table version changed, 2 the row is missing or its ETag changed.
    private const string UpdateScript = """
        local current = redis.call('HGET', KEYS[1], 'version') or '0'
        if current ~= ARGV[2] or tonumber(string.match(current, '^%d+')) + 1 ~= tonumber(ARGV[3]) then
            return 0
        end
        local row = redis.call('HGET', KEYS[1], ARGV[1])
        if not row or string.match(row, '^{"etag":"([^"]*)"') ~= ARGV[6] then
            return 2
        end
        redis.call('HSET', KEYS[1], 'version', ARGV[4], ARGV[1], ARGV[5])
        return 1
        """;

    // ARGV: 1 silo field, 2 the heartbeat as a JSON string literal. Patches only "iAmAliveTime" in the row's JSON:
    // neither the table version nor the row ETag changes, so heartbeats never make a concurrent update fail.
    // Replies: 1 written, 0 no row for the silo.
    private const string IAmAliveScript = """
        local row = redis.call('HGET', KEYS[1], ARGV[1])
        if not row then
            return 0
        end
        local first, last = string.find(row, '"iAmAliveTime":"[^"]*"')
        if not first then
            return redis.error_reply('membership row ' .. ARGV[1] .. ' has no iAmAliveTime')
        end
        redis.call('HSET', KEYS[1], ARGV[1], string.sub(row, 1, first - 1) .. '"iAmAliveTime":' .. ARGV[2] .. string.sub(row, last + 1))
        return 1
        """;

    // ARGV: pairs of silo field and the exact value it had when chosen for removal (unchanged rows only).
    private const string CleanupScript = """
        local removed = 0
        for i = 1, #ARGV, 2 do
            if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
                redis.call('HDEL', KEYS[1], ARGV[i])
                removed = removed + 1
            end
        end
        return removed
        """;

    private const string InitializeScript = """
        return redis.call('HSETNX', KEYS[1], 'version', ARGV[1])
        """;

    private readonly IRedisClient _redis;
    private readonly ILogger _logger;
    private readonly string[] _keys;

    /// <summary>Creates the table for the cluster named by <paramref name="clusterOptions"/>.</summary>
    public RedisMembershipTable(
        IRedisClient redis,
        IOptions<ClusterOptions> clusterOptions,
        IOptions<RedisClusteringOptions> redisOptions,
        ILogger<RedisMembershipTable> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(logger);
        _redis = redis;
        _logger = logger;
        TableKey = RedisKeys.ClusterPrefix(clusterOptions.Value, redisOptions.Value) + "membership";
        _keys = [TableKey];
    }

    /// <summary>The Redis key of the hash holding this cluster's table.</summary>
    public string TableKey { get; }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var created = await _redis.EvaluateAsync(InitializeScript, _keys, [InitialVersionToken], cancellationToken).ConfigureAwait(false);
        if (created.ToInt64() == 1)
        {
            LogTableCreated(_logger, TableKey);
        }
    }

    /// <inheritdoc />
    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        // HGETALL reads the whole hash atomically: rows and version are one consistent snapshot.
        var fields = await _redis.HashGetAllAsync(TableKey, cancellationToken).ConfigureAwait(false);
        var version = fields.TryGetValue(VersionField, out var token) ? ParseVersion(token) : new TableVersion(0, InitialVersionToken);
        var rows = new List<MembershipRow>(fields.Count);
        foreach (var (field, value) in fields)
        {
            if (field != VersionField)
            {
                rows.Add(Deserialize(field, value).ToRow());
            }
        }

        rows.Sort(static (a, b) => string.CompareOrdinal(a.Entry.Silo.ToString(), b.Entry.Silo.ToString()));
        return new MembershipTableData(rows, version);
    }

    /// <inheritdoc />
    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        var record = RedisMembershipRecord.From(entry, NewETag());
        var reply = await _redis.EvaluateAsync(
            InsertScript,
            _keys,
            [record.Silo, version.ETag, Format(version.Version), NewVersionToken(version.Version), Serialize(record)],
            cancellationToken).ConfigureAwait(false);
        return Outcome(reply, "insert", entry.Silo, version);
    }

    /// <inheritdoc />
    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(version);
        var record = RedisMembershipRecord.From(entry, NewETag());
        var reply = await _redis.EvaluateAsync(
            UpdateScript,
            _keys,
            [record.Silo, version.ETag, Format(version.Version), NewVersionToken(version.Version), Serialize(record), etag],
            cancellationToken).ConfigureAwait(false);
        return Outcome(reply, "update", entry.Silo, version);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The table has no row for <paramref name="silo"/>.</exception>
    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var heartbeat = JsonSerializer.Serialize(time.ToUniversalTime(), RedisJsonContext.Default.DateTimeOffset);
        var reply = await _redis.EvaluateAsync(IAmAliveScript, _keys, [silo.ToString(), heartbeat], cancellationToken).ConfigureAwait(false);
        if (reply.ToInt64() != Won)
        {
            throw new InvalidOperationException($"The membership table {TableKey} has no row for silo {silo}; insert it before heartbeating.");
        }
    }

    /// <inheritdoc />
    public async Task CleanupDefunctEntriesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var fields = await _redis.HashGetAllAsync(TableKey, cancellationToken).ConfigureAwait(false);
        List<string> arguments = [];
        foreach (var (field, value) in fields)
        {
            if (field == VersionField)
            {
                continue;
            }

            var record = Deserialize(field, value);
            var lastSeen = record.IAmAliveTime > record.StartTime ? record.IAmAliveTime : record.StartTime;
            if (record.Status == MembershipStatus.Dead && lastSeen < before)
            {
                arguments.Add(field);
                arguments.Add(value);
            }
        }

        if (arguments.Count == 0)
        {
            return;
        }

        // Removes a row only if it is unchanged since it was read, so a row rewritten meanwhile survives.
        var removed = await _redis.EvaluateAsync(CleanupScript, _keys, arguments, cancellationToken).ConfigureAwait(false);
        LogDefunctRowsRemoved(_logger, removed.ToInt64(), TableKey, before);
    }

    private bool Outcome(RedisReply reply, string operation, SiloAddress silo, TableVersion version)
    {
        var outcome = reply.ToInt64();
        if (outcome == Won)
        {
            return true;
        }

        if (outcome == VersionConflict)
        {
            LogVersionConflict(_logger, operation, silo, version.Version);
        }
        else
        {
            LogRowConflict(_logger, operation, silo);
        }

        return false;
    }

    private RedisMembershipRecord Deserialize(string field, string value)
    {
        try
        {
            return JsonSerializer.Deserialize(value, RedisJsonContext.Default.RedisMembershipRecord)
                ?? throw new JsonException("The row is JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Membership row '{field}' in Redis hash {TableKey} is not a valid row: {e.Message}", e);
        }
    }

    private TableVersion ParseVersion(string token)
    {
        var separator = token.IndexOf(':', StringComparison.Ordinal);
        var number = separator < 0 ? token : token[..separator];
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? new TableVersion(version, token)
            : throw new InvalidDataException($"The version field of Redis hash {TableKey} is not a table version: '{token}'.");
    }

    private static string Serialize(RedisMembershipRecord record) =>
        JsonSerializer.Serialize(record, RedisJsonContext.Default.RedisMembershipRecord);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string NewETag() => Guid.NewGuid().ToString("N");

    // Unique per write, so a token read before Redis lost its data never matches a table that grew back since.
    private static string NewVersionToken(long version) => $"{Format(version)}:{NewETag()}";
}
