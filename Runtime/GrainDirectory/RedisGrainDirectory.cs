using System.Text.Json;
using GameCluster.Hosting;
using GameCluster.Membership;
using GameCluster.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.GrainDirectory;

/// <summary>
/// The grain directory in Redis: one key per grain (<c>{prefix}dir/{grainType}/{key}</c>) whose value is the JSON
/// of its <see cref="GrainAddress"/>, plus one set per silo (<c>{prefix}dir-silos/{silo}</c>) of the grain keys it
/// registered, so the entries of a dead silo are removed without scanning the keyspace. Register-if-absent and
/// compare-and-delete are Lua scripts that keep key and set consistent atomically. The scripts touch keys derived
/// from their arguments, so this needs a standalone (or replicated) Redis, not Redis Cluster.
/// </summary>
/// <remarks>
/// Registering for a silo concurrently with <see cref="UnregisterSilosAsync"/> for that silo can leave an entry of
/// the dead silo behind; callers register only from live silos and treat an entry on a dead silo as stale.
/// </remarks>
public sealed partial class RedisGrainDirectory : IGrainDirectory
{
    private const int UnregisterBatchSize = 500;

    // KEYS: 1 grain key, 2 set of the registering silo. ARGV: 1 the address JSON. Replies with the registered JSON.
    private const string RegisterScript = """
        local existing = redis.call('GET', KEYS[1])
        if existing then
            return existing
        end
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('SADD', KEYS[2], KEYS[1])
        return ARGV[1]
        """;

    // KEYS: 1 grain key, 2 set of the silo. ARGV: 1 silo, 2 activation id. Deletes only that activation's entry.
    private const string UnregisterScript = """
        local existing = redis.call('GET', KEYS[1])
        if not existing then
            return 0
        end
        local entry = cjson.decode(existing)
        if entry.silo ~= ARGV[1] or entry.activationId ~= ARGV[2] then
            return 0
        end
        redis.call('DEL', KEYS[1])
        redis.call('SREM', KEYS[2], KEYS[1])
        return 1
        """;

    // KEYS: 1 set of the silo. ARGV: 1 silo, 2 batch size. Pops a batch of the silo's grain keys and deletes those
    // still pointing at the silo. Replies { removed, keys left in the set }.
    private const string UnregisterSiloScript = """
        local keys = redis.call('SPOP', KEYS[1], tonumber(ARGV[2]))
        local removed = 0
        for _, key in ipairs(keys) do
            local existing = redis.call('GET', key)
            if existing and cjson.decode(existing).silo == ARGV[1] then
                redis.call('DEL', key)
                removed = removed + 1
            end
        end
        return { removed, redis.call('SCARD', KEYS[1]) }
        """;

    private readonly IRedisClient _redis;
    private readonly ILogger _logger;
    private readonly string _grainPrefix;
    private readonly string _siloPrefix;

    /// <summary>Creates the directory for the cluster named by <paramref name="clusterOptions"/>.</summary>
    public RedisGrainDirectory(
        IRedisClient redis,
        IOptions<ClusterOptions> clusterOptions,
        IOptions<RedisClusteringOptions> redisOptions,
        ILogger<RedisGrainDirectory> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(logger);
        _redis = redis;
        _logger = logger;
        var prefix = RedisKeys.ClusterPrefix(clusterOptions.Value, redisOptions.Value);
        _grainPrefix = prefix + "dir/";
        _siloPrefix = prefix + "dir-silos/";
    }

    /// <inheritdoc />
    public async Task<GrainAddress> RegisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var value = Serialize(address);
        var reply = await _redis.EvaluateAsync(RegisterScript, [GrainKey(address.GrainId), SiloKey(address.Silo)], [value], cancellationToken).ConfigureAwait(false);
        var registered = reply.ToText() ?? throw new InvalidDataException($"Registering {address.GrainId} in Redis returned nil.");
        return registered == value ? address : Deserialize(address.GrainId, registered);
    }

    /// <inheritdoc />
    public async Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var value = await _redis.GetAsync(GrainKey(grainId), cancellationToken).ConfigureAwait(false);
        return value is null ? null : Deserialize(grainId, value);
    }

    /// <inheritdoc />
    public async Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var reply = await _redis.EvaluateAsync(
            UnregisterScript,
            [GrainKey(address.GrainId), SiloKey(address.Silo)],
            [address.Silo.ToString(), address.ActivationId],
            cancellationToken).ConfigureAwait(false);
        return reply.ToInt64() == 1;
    }

    /// <inheritdoc />
    public async Task UnregisterSilosAsync(IReadOnlyCollection<SiloAddress> silos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silos);
        var batchSize = UnregisterBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var silo in silos)
        {
            // Batches keep each script short, so Redis stays responsive while a silo with many grains is removed.
            long removed = 0;
            long left;
            do
            {
                var reply = await _redis.EvaluateAsync(UnregisterSiloScript, [SiloKey(silo)], [silo.ToString(), batchSize], cancellationToken).ConfigureAwait(false);
                removed += reply.Items[0].ToInt64();
                left = reply.Items[1].ToInt64();
            }
            while (left > 0);

            LogSiloUnregistered(_logger, removed, silo);
        }
    }

    private string GrainKey(GrainId grainId) => $"{_grainPrefix}{grainId.Type}/{grainId.Key}";

    private string SiloKey(SiloAddress silo) => _siloPrefix + silo;

    private static string Serialize(GrainAddress address) =>
        JsonSerializer.Serialize(RedisGrainDirectoryRecord.From(address), RedisJsonContext.Default.RedisGrainDirectoryRecord);

    private GrainAddress Deserialize(GrainId grainId, string value)
    {
        try
        {
            var record = JsonSerializer.Deserialize(value, RedisJsonContext.Default.RedisGrainDirectoryRecord)
                ?? throw new JsonException("The entry is JSON null.");
            return record.ToAddress();
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new InvalidDataException($"The directory entry of {grainId} at {GrainKey(grainId)} is not a valid grain address: {e.Message}", e);
        }
    }
}
