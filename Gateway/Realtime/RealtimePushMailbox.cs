using System.Threading.Channels;
using GameCluster.Grains;
using Microsoft.Extensions.Options;

namespace GameCluster.Gateway.Realtime;

/// <summary>
/// This gateway's end of push delivery: one long-poll of its <see cref="IPushMailboxGrain"/> (keyed by
/// <see cref="MailboxId"/>, new for every start) for all its sockets, instead of one poll per socket. A notice makes the
/// named session fetch its pushes, or close when it was replaced. When notices may have been lost (the mailbox was
/// re-activated, dropped notices, or polling failed) every session fetches once, spread over
/// <see cref="RefetchAllSpread"/> and at most once per <see cref="MinRefetchAllInterval"/>. Besides, a safety sweep makes
/// every session fetch once per <see cref="RealtimeOptions.PushSweepInterval"/> (with jitter, spread over half of it),
/// so a notice that was never delivered at all delays a push, or the close of a replaced socket, by at most about that
/// interval. Fetches run at most <see cref="MaxConcurrentFetches"/> at a time. It stops when the gateway starts draining.
/// </summary>
public sealed partial class RealtimePushMailbox(
    IGrainFactory grainFactory,
    RealtimeSessionRegistry registry,
    GameCluster.Gateway.Http.DrainState drain,
    IOptions<RealtimeOptions> options,
    TimeProvider timeProvider,
    ILogger<RealtimePushMailbox> logger) : BackgroundService
{
    /// <summary>The most push fetches of this gateway's sessions in flight at once (sweeps and re-fetches queue behind it).</summary>
    public const int MaxConcurrentFetches = 256;

    /// <summary>The shortest time between two fetches of every session (re-fetches after lost notices, and sweeps).</summary>
    public static readonly TimeSpan MinRefetchAllInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long a re-fetch of every session after lost notices is spread over.</summary>
    public static readonly TimeSpan RefetchAllSpread = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan BatchPeriod = TimeSpan.FromMilliseconds(20);

    private readonly Channel<bool> _refetchAll = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>
    /// Bounds concurrent fetches to <see cref="MaxConcurrentFetches"/>. Never disposed: sessions may still fetch while the
    /// host stops, and a semaphore whose wait handle is never asked for holds nothing to release.
    /// </summary>
    public SemaphoreSlim FetchSlots { get; } = new(MaxConcurrentFetches, MaxConcurrentFetches);

    /// <summary>This gateway's mailbox id.</summary>
    public string MailboxId { get; } = "gw-" + Guid.NewGuid().ToString("N");

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stopToken)
    {
        // Draining sessions are told to reconnect elsewhere: from then on nothing here needs notices.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stopToken, drain.Draining);
        await Task.WhenAll(PollLoopAsync(stopping.Token), SweepLoopAsync(stopping.Token));
    }

    private async Task PollLoopAsync(CancellationToken stoppingToken)
    {
        var mailbox = grainFactory.GetGrain<IPushMailboxGrain>(MailboxId);
        string? incarnation = null;
        long afterIndex = 0;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            PushNoticeBatch batch;
            var started = timeProvider.GetTimestamp();
            try
            {
                batch = await mailbox.WaitAsync(incarnation, afterIndex, options.Value.PushPollWait).WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failures++;
                LogPollFailed(logger, exception, MailboxId, failures);
                await QuietDelay.WaitAsync(timeProvider, TimeSpan.FromMilliseconds(Math.Min(2000, 100 * failures)), stoppingToken);
                continue;
            }

            // Failed polls, another activation than before, or a gap (also before the first notice seen): notices may be lost.
            var lost = failures > 0
                || (incarnation is null ? batch.FirstIndex > 1 : batch.Incarnation != incarnation || batch.FirstIndex > afterIndex + 1);
            failures = 0;
            incarnation = batch.Incarnation;
            afterIndex = batch.FirstIndex + batch.Notices.Count - 1;
            if (lost)
            {
                _refetchAll.Writer.TryWrite(true);
            }

            if (batch.Notices.Count == 0 && timeProvider.GetElapsedTime(started) < TimeSpan.FromMilliseconds(50))
            {
                // Answered at once with nothing: its silo is stopping. Ask again shortly (then at the next activation).
                await QuietDelay.WaitAsync(timeProvider, TimeSpan.FromMilliseconds(100), stoppingToken);
            }

            foreach (var notice in batch.Notices)
            {
                if (registry.Find(notice.SessionId) is { } session)
                {
                    if (notice.Superseded)
                    {
                        session.Supersede();
                    }
                    else
                    {
                        session.RequestFetch();
                    }
                }
            }
        }
    }

    /// <summary>
    /// Makes every session fetch once per sweep interval, and after lost notices (not more often than
    /// <see cref="MinRefetchAllInterval"/>); a re-fetch counts as a sweep.
    /// </summary>
    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        long? lastAll = null;
        var nextSweep = timeProvider.GetTimestamp() + ToTicks(Jitter(options.Value.PushSweepInterval));
        while (!stoppingToken.IsCancellationRequested)
        {
            var refetch = false;
            var untilSweep = timeProvider.GetElapsedTime(timeProvider.GetTimestamp(), nextSweep);
            if (untilSweep > TimeSpan.Zero)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(untilSweep);
                try
                {
                    refetch = await _refetchAll.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Time for the sweep.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            TimeSpan spread;
            if (refetch)
            {
                _refetchAll.Reader.TryRead(out _);
                if (lastAll is { } last && timeProvider.GetElapsedTime(last) is var since && since < MinRefetchAllInterval)
                {
                    await QuietDelay.WaitAsync(timeProvider, MinRefetchAllInterval - since, stoppingToken); // requests meanwhile are covered by this one
                    _refetchAll.Reader.TryRead(out _);
                }

                LogRefetchAll(logger, MailboxId, registry.Count);
                spread = RefetchAllSpread;
            }
            else
            {
                LogSweep(logger, MailboxId, registry.Count);
                spread = Jitter(options.Value.PushSweepInterval / 2);
            }

            lastAll = timeProvider.GetTimestamp();
            await FetchAllAsync(spread, stoppingToken);
            nextSweep = lastAll.Value + ToTicks(Jitter(options.Value.PushSweepInterval));
        }
    }

    /// <summary>Asks every session open now to fetch once, in batches spread over <paramref name="spread"/>.</summary>
    private async Task FetchAllAsync(TimeSpan spread, CancellationToken stoppingToken)
    {
        RealtimeSession[] sessions = [.. registry.All];
        if (sessions.Length == 0)
        {
            return;
        }

        var batches = (int)Math.Clamp(spread / BatchPeriod, 1, sessions.Length);
        var perBatch = (sessions.Length + batches - 1) / batches;
        var pause = spread / batches;
        for (var start = 0; start < sessions.Length && !stoppingToken.IsCancellationRequested; start += perBatch)
        {
            if (start > 0)
            {
                await QuietDelay.WaitAsync(timeProvider, pause, stoppingToken);
            }

            foreach (var session in sessions.AsSpan(start, Math.Min(perBatch, sessions.Length - start)))
            {
                session.RequestFetch();
            }
        }
    }

    private static TimeSpan Jitter(TimeSpan interval) => interval * (0.8 + (0.4 * Random.Shared.NextDouble()));

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * timeProvider.TimestampFrequency);
}
