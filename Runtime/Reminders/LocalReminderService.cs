using System.Collections.Concurrent;
using GameCluster.Hosting;
using GameCluster.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.Reminders;

/// <summary>
/// Keeps a timer for every reminder this silo owns (see <see cref="ReminderOwnership"/>) and calls
/// <see cref="IRemindable.ReceiveReminder"/> on the grain at each tick, activating it if needed. Reminders are loaded
/// at start and re-read when ownership moves, so they survive deactivation, restarts and silo failures.
/// </summary>
internal sealed partial class LocalReminderService(
    IReminderTable table,
    IGrainFactory grainFactory,
    GrainManifest manifest,
    IOptions<ReminderOptions> options,
    ReminderOwnership ownership,
    TimeProvider timeProvider,
    ILogger<LocalReminderService> logger) : IReminderRegistry, ISiloLifecycleParticipant, IDisposable
{
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), ScheduledReminder> _scheduled = new();
    private readonly ReminderOptions _options = options.Value;
    private readonly TimeProvider _timeProvider = timeProvider;

    // Serializes table changes with refreshes, so a refresh never acts on a snapshot that a concurrent register or
    // unregister made stale (re-arming a removed reminder, or dropping a new one).
    private readonly SemaphoreSlim _tableLock = new(1, 1);
    private ITimer? _refreshTimer;
    private volatile bool _stopped;

    public int Stage => SiloLifecycleStage.Reminders;

    public string ParticipantName => "reminder service";

    public int ScheduledCount => _scheduled.Count;

    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        await table.InitializeAsync(cancellationToken);
        await RefreshAsync(cancellationToken);
        ownership.OnChanged(() => _ = RefreshSafelyAsync());
        _refreshTimer = _timeProvider.CreateTimer(
            static state => _ = ((LocalReminderService)state!).RefreshSafelyAsync(), this, _options.RefreshPeriod, _options.RefreshPeriod);
    }

    public Task OnStopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _stopped = true;
        _refreshTimer?.Dispose();
        foreach (var reminder in _scheduled.Values)
        {
            reminder.Dispose();
        }

        _scheduled.Clear();
    }

    public async Task<IGrainReminder> RegisterOrUpdateReminderAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        if (period < _options.MinimumPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"A reminder period must be at least {_options.MinimumPeriod} (Reminders:MinimumPeriod); use a grain timer for shorter periods.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        var grainClass = manifest.GetGrainClass(grainId.Type);
        if (grainClass is null || !grainClass.Interfaces.Contains(typeof(IRemindable)))
        {
            throw new InvalidOperationException($"Grain type '{grainId.Type}' does not implement {nameof(IRemindable)}; it cannot receive reminders.");
        }

        ReminderEntry entry;
        await _tableLock.WaitAsync(cancellationToken);
        try
        {
            entry = await table.UpsertAsync(new ReminderEntry(grainId, reminderName, _timeProvider.GetUtcNow() + dueTime, period), cancellationToken);
            Schedule(entry);
        }
        finally
        {
            _tableLock.Release();
        }

        LogRegistered(logger, reminderName, grainId, dueTime, period);
        return entry;
    }

    public async Task UnregisterReminderAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        await _tableLock.WaitAsync(cancellationToken);
        try
        {
            await table.RemoveAsync(grainId, reminderName, cancellationToken);
            if (_scheduled.TryRemove((grainId, reminderName), out var scheduled))
            {
                scheduled.Dispose();
            }
        }
        finally
        {
            _tableLock.Release();
        }
    }

    public async Task<IGrainReminder?> GetReminderAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default) =>
        await table.ReadAsync(grainId, reminderName, cancellationToken);

    public async Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        await table.ReadAsync(grainId, cancellationToken);

    private async Task RefreshSafelyAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogRefreshFailed(logger, exception);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _tableLock.WaitAsync(cancellationToken);
        try
        {
            // Read only this silo's share; the ownership check below still decides, should the view move meanwhile.
            var entries = ownership.TryGetShare(out var shareIndex, out var shareCount)
                ? await table.ReadShareAsync(shareIndex, shareCount, cancellationToken)
                : [];
            var live = new HashSet<(GrainId, string)>();
            foreach (var entry in entries)
            {
                if (!ownership.Owns(entry.GrainId))
                {
                    continue;
                }

                live.Add((entry.GrainId, entry.ReminderName));
                if (!_scheduled.TryGetValue((entry.GrainId, entry.ReminderName), out var existing) || existing.Entry.ETag != entry.ETag)
                {
                    Schedule(entry);
                }
            }

            foreach (var key in _scheduled.Keys)
            {
                if (!live.Contains(key) && _scheduled.TryRemove(key, out var removed))
                {
                    removed.Dispose();
                }
            }
        }
        finally
        {
            _tableLock.Release();
        }
    }

    private void Schedule(ReminderEntry entry)
    {
        if (_stopped || !ownership.Owns(entry.GrainId))
        {
            return;
        }

        var scheduled = new ScheduledReminder(entry, this);
        var key = (entry.GrainId, entry.ReminderName);
        _scheduled.AddOrUpdate(key, scheduled, (_, previous) =>
        {
            previous.Dispose();
            return scheduled;
        });
        var now = _timeProvider.GetUtcNow();
        scheduled.Arm(now <= entry.StartAt ? entry.StartAt : NextDueTimeAfter(entry, now));
    }

    /// <summary>The first tick of <paramref name="entry"/> due strictly after <paramref name="time"/>.</summary>
    private static DateTimeOffset NextDueTimeAfter(ReminderEntry entry, DateTimeOffset time)
    {
        if (time < entry.StartAt)
        {
            return entry.StartAt;
        }

        var elapsedPeriods = (time - entry.StartAt).Ticks / entry.Period.Ticks;
        return entry.StartAt + TimeSpan.FromTicks((elapsedPeriods + 1) * entry.Period.Ticks);
    }

    private async Task TickAsync(ScheduledReminder scheduled)
    {
        var entry = scheduled.Entry;
        try
        {
            var status = new TickStatus(entry.StartAt, entry.Period, _timeProvider.GetUtcNow());
            await grainFactory.GetGrain<IRemindable>(entry.GrainId).ReceiveReminder(entry.ReminderName, status);
        }
        catch (Exception exception)
        {
            LogTickFailed(logger, exception, entry.ReminderName, entry.GrainId);
        }

        if (!_stopped && _scheduled.TryGetValue((entry.GrainId, entry.ReminderName), out var current) && ReferenceEquals(current, scheduled))
        {
            // Timers may fire a little before their due time: the next tick is due after the one just delivered,
            // never that same one again.
            var now = _timeProvider.GetUtcNow();
            scheduled.Arm(NextDueTimeAfter(entry, now > scheduled.DueAt ? now : scheduled.DueAt));
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Registered reminder {ReminderName} of {GrainId}: due in {DueTime}, every {Period}")]
    private static partial void LogRegistered(ILogger logger, string reminderName, GrainId grainId, TimeSpan dueTime, TimeSpan period);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} failed to deliver; it fires again next period")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string reminderName, GrainId grainId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Refreshing reminders from the table failed; retrying next refresh period")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    /// <summary>A reminder with its one-shot timer, re-armed after each tick.</summary>
    private sealed class ScheduledReminder : IDisposable
    {
        private readonly LocalReminderService _service;
        private readonly ITimer _timer;

        public ScheduledReminder(ReminderEntry entry, LocalReminderService service)
        {
            Entry = entry;
            _service = service;
            // Never capture the caller's context (a grain turn when a grain registers): ticks are calls from outside.
            using var noFlow = ExecutionContext.SuppressFlow();
            _timer = service._timeProvider.CreateTimer(
                static state =>
                {
                    var self = (ScheduledReminder)state!;
                    _ = self._service.TickAsync(self);
                },
                this,
                Timeout.InfiniteTimeSpan,
                Timeout.InfiniteTimeSpan);
        }

        public ReminderEntry Entry { get; }

        /// <summary>When the tick the timer is armed for is due.</summary>
        public DateTimeOffset DueAt { get; private set; }

        public void Arm(DateTimeOffset dueAt)
        {
            DueAt = dueAt;
            var delay = dueAt - _service._timeProvider.GetUtcNow();
            _timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        public void Dispose() => _timer.Dispose();
    }
}
