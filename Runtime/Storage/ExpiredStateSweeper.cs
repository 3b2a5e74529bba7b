using GameCluster.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.Storage;

/// <summary>
/// Every <see cref="GrainStateExpiryOptions.SweepInterval"/>, deletes grain state past its expiry from every storage
/// provider, in batches, so that state written with an expiry (refresh tokens, for one) does not grow without bound.
/// Every silo sweeps; deleting a row twice is harmless. A failed sweep is logged and tried again next interval.
/// </summary>
internal sealed partial class ExpiredStateSweeper(
    IEnumerable<IExpiringGrainStorage> storages,
    IOptions<GrainStateExpiryOptions> options,
    TimeProvider timeProvider,
    ILogger<ExpiredStateSweeper> logger) : ISiloLifecycleParticipant, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public int Stage => SiloLifecycleStage.Runtime;

    public string ParticipantName => "expired state sweeper";

    public Task OnStartAsync(CancellationToken cancellationToken)
    {
        _loop = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Deletes every record that has expired by now from every provider; returns how many.</summary>
    public async Task<long> SweepAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        long total = 0;
        foreach (var storage in storages.Distinct())
        {
            var now = timeProvider.GetUtcNow();
            long deleted = 0;
            int batch;
            do
            {
                batch = await storage.DeleteExpiredAsync(now, batchSize, cancellationToken);
                deleted += batch;
            }
            while (batch == batchSize);

            if (deleted > 0)
            {
                LogSwept(logger, deleted, storage.Name);
            }

            total += deleted;
        }

        return total;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.SweepInterval, timeProvider, cancellationToken);
                await SweepAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogSweepFailed(logger, exception, options.Value.SweepInterval);
            }
        }
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Deleted {Count} expired grain state records from storage {Storage}")]
    private static partial void LogSwept(ILogger logger, long count, string storage);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Deleting expired grain state failed; trying again in {Interval}")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, TimeSpan interval);
}
