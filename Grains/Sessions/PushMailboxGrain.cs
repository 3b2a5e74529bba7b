using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GameCluster.Grains.Sessions;

/// <summary>
/// A gateway's inbox of push notices, in memory: a queue with consecutive indexes, trimmed by what the gateway's poll
/// has seen and capped at <see cref="PlayerPushOptions.MaxQueuedNotices"/> (the oldest are dropped; the gateway notices
/// the gap). Placed on the calling silo, so a gateway co-hosted with a silo polls it locally. The gateway holds a lease
/// by polling: once nobody has polled for <see cref="LeaseMultiplier"/> times <see cref="PlayerPushOptions.MaxPollWait"/>
/// (counted from the activation at the earliest, so a live gateway has time to poll again after a silo failover), the
/// gateway is taken to be gone: notices are refused (players' push grains then forget this mailbox) and the activation
/// deactivates.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
public sealed class PushMailboxGrain(IOptions<PlayerPushOptions> options, IHostApplicationLifetime lifetime, TimeProvider timeProvider) : Grain, IPushMailboxGrain
{
    /// <summary>The lease, in multiples of <see cref="PlayerPushOptions.MaxPollWait"/> (the longest one poll waits here).</summary>
    public const int LeaseMultiplier = 3;

    private readonly PlayerPushOptions _options = options.Value;
    private readonly string _incarnation = Guid.NewGuid().ToString("N");
    private readonly Queue<PushNotice> _notices = new();
    private long _firstIndex = 1;
    private TaskCompletionSource? _signal;
    private int _polls; // polls waiting here now
    private long _lastPolled = timeProvider.GetTimestamp(); // the activation counts as a poll: the grace period

    /// <inheritdoc />
    public Task<bool> DeliverAsync(PushNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (_polls == 0 && timeProvider.GetElapsedTime(_lastPolled) > _options.MaxPollWait * LeaseMultiplier)
        {
            _notices.Clear();
            DeactivateOnIdle();
            return Task.FromResult(false);
        }

        _notices.Enqueue(notice);
        while (_notices.Count > _options.MaxQueuedNotices)
        {
            _notices.Dequeue();
            _firstIndex++;
        }

        _signal?.TrySetResult();
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public async Task<PushNoticeBatch> WaitAsync(string? incarnation, long afterIndex, TimeSpan maxWait)
    {
        _lastPolled = timeProvider.GetTimestamp();
        if (incarnation != _incarnation)
        {
            afterIndex = 0; // indexes of another activation mean nothing here
        }

        Trim(afterIndex);
        if (_notices.Count == 0 && maxWait > TimeSpan.Zero && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            _signal?.TrySetResult(); // one poller per gateway: an older poll answers now
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _signal = signal;
            _polls++;
            try
            {
                await signal.Task.WaitAsync(maxWait < _options.MaxPollWait ? maxWait : _options.MaxPollWait, timeProvider, lifetime.ApplicationStopping);
            }
            catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
            {
            }
            finally
            {
                _polls--;
                _lastPolled = timeProvider.GetTimestamp();
                if (_signal == signal)
                {
                    _signal = null;
                }
            }

            Trim(afterIndex);
        }

        return new PushNoticeBatch(_incarnation, _firstIndex, [.. _notices]);
    }

    private void Trim(long afterIndex)
    {
        while (_firstIndex <= afterIndex && _notices.Count > 0)
        {
            _notices.Dequeue();
            _firstIndex++;
        }
    }
}
