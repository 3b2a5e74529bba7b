using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GameCluster.Redis;

/// <summary>
/// <see cref="IRedisClient"/> over StackExchange.Redis 1.2.6. Connects lazily on first use and never gives up:
/// the multiplexer reconnects in the background after Redis restarts. Operations while Redis is down fail at once
/// (the library reports no connection), and every operation is also bounded by
/// <see cref="RedisClusteringOptions.OperationTimeout"/>, because 1.2.6 never times out an asynchronous command on
/// a connection that is open but silent (a hung or paused Redis).
/// </summary>
public sealed partial class StackExchangeRedisClient : IRedisClient, IAsyncDisposable, IDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly TimeSpan _operationTimeout;
    private readonly TimeSpan _connectTimeout;
    private readonly string _endpoint;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private volatile ConnectionMultiplexer? _multiplexer;
    private volatile bool _disposed;

    /// <summary>Creates the client; nothing connects until the first operation.</summary>
    public StackExchangeRedisClient(IOptions<RedisClusteringOptions> options, ILogger<StackExchangeRedisClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var value = options.Value;
        _logger = logger;
        _operationTimeout = value.OperationTimeout;
        _connectTimeout = value.ConnectTimeout;
        _configuration = ConfigurationOptions.Parse(value.ConnectionString);
        _configuration.AbortOnConnectFail = false;
        _configuration.ConnectRetry = 1;
        _configuration.ConnectTimeout = ToMilliseconds(value.ConnectTimeout);
        _configuration.SyncTimeout = ToMilliseconds(value.OperationTimeout);
        _configuration.ResponseTimeout = ToMilliseconds(value.OperationTimeout);
        _configuration.KeepAlive = 5;
        _configuration.ReconnectRetryPolicy = new LinearRetry(1000);

        // Endpoints only: the configuration string may carry a password.
        _endpoint = string.Join(",", _configuration.EndPoints.Select(e => e.ToString()));
    }

    /// <inheritdoc />
    public bool IsConnected => _multiplexer?.IsConnected ?? false;

    /// <inheritdoc />
    public event EventHandler<RedisConnectionChangedEventArgs>? ConnectionChanged;

    /// <inheritdoc />
    public Task<RedisReply> EvaluateAsync(string script, IReadOnlyList<string> keys, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(arguments);
        var redisKeys = new RedisKey[keys.Count];
        for (var i = 0; i < redisKeys.Length; i++)
        {
            redisKeys[i] = keys[i];
        }

        var values = new RedisValue[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i];
        }

        return ExecuteAsync("EVAL", async db => ToReply(await db.ScriptEvaluateAsync(script, redisKeys, values).ConfigureAwait(false)), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> HashGetAllAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ExecuteAsync<IReadOnlyDictionary<string, string>>("HGETALL", async db =>
        {
            var entries = await db.HashGetAllAsync(key).ConfigureAwait(false);
            var result = new Dictionary<string, string>(entries.Length, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                result[entry.Name.ToString()] = entry.Value.ToString();
            }

            return result;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ExecuteAsync("GET", async db =>
        {
            var value = await db.StringGetAsync(key).ConfigureAwait(false);
            return value.IsNull ? null : value.ToString();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task SetAsync(string key, string value, TimeSpan? expiry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return ExecuteAsync("SET", db => db.StringSetAsync(key, value, expiry), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ExecuteAsync("DEL", db => db.KeyDeleteAsync(key), cancellationToken);
    }

    /// <inheritdoc />
    public Task<TimeSpan> PingAsync(CancellationToken cancellationToken) =>
        ExecuteAsync("PING", db => db.PingAsync(), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_multiplexer is { } multiplexer)
            {
                Unsubscribe(multiplexer);
                _multiplexer = null;
                try
                {
                    await multiplexer.CloseAsync(allowCommandsToComplete: false).WaitAsync(_operationTimeout).ConfigureAwait(false);
                }
                catch (Exception e) when (e is TimeoutException or RedisException)
                {
                    // Closing a connection to an unreachable Redis may fail or hang; disposal below releases it.
                }

                multiplexer.Dispose();
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_multiplexer is { } multiplexer)
        {
            Unsubscribe(multiplexer);
            _multiplexer = null;
            multiplexer.Dispose();
        }
    }

    private async Task<T> ExecuteAsync<T>(string command, Func<IDatabase, Task<T>> operation, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var multiplexer = _multiplexer ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
        Task<T>? pending = null;
        try
        {
            pending = operation(multiplexer.GetDatabase());
            var remaining = _operationTimeout - Stopwatch.GetElapsedTime(started);
            return await pending.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abandon(pending);
            throw;
        }
        catch (TimeoutException e) when (pending is null || !pending.IsCompleted)
        {
            // Our own bound: the command is still queued or in flight, so a write may or may not happen.
            Abandon(pending);
            throw new RedisUnavailableException(
                $"Redis at {_endpoint} did not answer {command} within {_operationTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; the outcome of the command is unknown.", e);
        }
        catch (RedisConnectionException e)
        {
            var outcome = e.CommandStatus == CommandStatus.WaitingToBeSent
                ? $"{command} was not sent"
                : $"the outcome of {command} is unknown";
            throw new RedisUnavailableException($"Redis at {_endpoint} is unreachable ({e.FailureType}); {outcome}. The client keeps reconnecting.", e);
        }
        catch (TimeoutException e)
        {
            throw new RedisUnavailableException($"Redis at {_endpoint} timed out on {command}; the outcome of the command is unknown.", e);
        }
        catch (RedisServerException e)
        {
            throw new RedisReplyException($"Redis at {_endpoint} answered {command} with an error: {e.Message}", e);
        }
        catch (RedisException e)
        {
            throw new RedisUnavailableException($"Redis at {_endpoint} failed {command}: {e.Message}", e);
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_multiplexer is { } existing)
            {
                return existing;
            }

            // With AbortOnConnectFail off this returns once the first attempt ends, connected or not, and the
            // multiplexer keeps retrying; the extra bound guards against the library waiting longer than asked.
            var connecting = ConnectionMultiplexer.ConnectAsync(_configuration);
            var bound = _connectTimeout * 2;
            ConnectionMultiplexer multiplexer;
            try
            {
                multiplexer = await connecting.WaitAsync(bound, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                _ = connecting.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                throw new RedisUnavailableException($"Connecting to Redis at {_endpoint} did not finish within {bound.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", e);
            }

            multiplexer.ConnectionFailed += OnConnectionFailed;
            multiplexer.ConnectionRestored += OnConnectionRestored;
            if (multiplexer.IsConnected)
            {
                LogConnected(_logger, _endpoint);
            }
            else
            {
                LogNotYetConnected(_logger, _endpoint);
            }

            _multiplexer = multiplexer;
            return multiplexer;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }

        LogConnectionFailed(_logger, e.Exception, _endpoint, e.FailureType);
        ConnectionChanged?.Invoke(this, new RedisConnectionChangedEventArgs(isConnected: false, _endpoint, e.Exception));
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Interactive)
        {
            return;
        }

        LogConnectionRestored(_logger, _endpoint);
        ConnectionChanged?.Invoke(this, new RedisConnectionChangedEventArgs(isConnected: true, _endpoint, failure: null));
    }

    private void Unsubscribe(ConnectionMultiplexer multiplexer)
    {
        multiplexer.ConnectionFailed -= OnConnectionFailed;
        multiplexer.ConnectionRestored -= OnConnectionRestored;
    }

    // The library takes no cancellation token: a command we stop waiting for still completes later; observe it.
    private static void Abandon(Task? pending) =>
        pending?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static int ToMilliseconds(TimeSpan value) => (int)Math.Clamp(value.TotalMilliseconds, 1, int.MaxValue);

    private static RedisReply ToReply(RedisResult? result)
    {
        if (result is null || result.IsNull)
        {
            return RedisReply.Nil;
        }

        RedisValue value;
        try
        {
            value = (RedisValue)result;
        }
        catch (InvalidCastException)
        {
            // 1.2.6 exposes no result type: only an array reply refuses the conversion to a single value.
            var items = (RedisResult[])result;
            var replies = new RedisReply[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                replies[i] = ToReply(items[i]);
            }

            return RedisReply.FromItems(replies);
        }

        if (value.IsNull)
        {
            return RedisReply.Nil;
        }

        return value.IsInteger ? RedisReply.FromInteger((long)value) : RedisReply.FromText(value.ToString());
    }
}
