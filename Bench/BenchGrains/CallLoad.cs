using System.Diagnostics;

namespace GameCluster.Bench.Grains;

/// <summary>
/// One request/response call: sends <paramref name="value"/> to target number <paramref name="target"/> and returns
/// the value it answered. <paramref name="slot"/> is unique among the calls in flight (a raw transport uses it as the
/// correlation id; a grain call ignores it).
/// </summary>
public delegate Task<int> EchoCall(int slot, int target, int value);

/// <summary>
/// The load loops of the cross-silo scenario. The driver grain runs them against grains on another silo, the bench
/// runs them against the raw TCP echo server, so both sides are measured by the same code: a
/// <see cref="Stopwatch"/> timestamp per call, recorded into preallocated <see cref="LatencyHistogram"/>s.
/// </summary>
public static class CallLoad
{
    /// <summary>
    /// Closed loop: <paramref name="inFlight"/> workers, each starting its next call as soon as the previous one
    /// answered, until <paramref name="length"/> has passed. Worker <c>i</c> starts at an evenly spread target index and
    /// walks the targets round-robin. The completion timestamp of one call is the start of the next (one clock read per call).
    /// </summary>
    public static async Task<LoadRoundResult> RunClosedAsync(EchoCall call, int targets, int inFlight, TimeSpan length)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfLessThan(targets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        var histograms = new LatencyHistogram[inFlight];
        var errors = new ErrorCount();
        for (var i = 0; i < inFlight; i++)
        {
            histograms[i] = new LatencyHistogram();
        }

        var workers = new Task<long>[inFlight];
        var start = Stopwatch.GetTimestamp();
        var deadline = start + ToTicks(length);
        for (var i = 0; i < inFlight; i++)
        {
            var first = (int)((long)i * targets / inFlight % targets);
            workers[i] = RunWorkerAsync(call, i, first, targets, deadline, histograms[i], errors);
        }

        var calls = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var latency = LatencySnapshot.MergeAll(histograms.Select(static h => h.ToSnapshot()));
        return new LoadRoundResult(calls.Sum(), errors.Count, 0, elapsed.TotalSeconds, latency, latency, 0, errors.First, LatencySnapshot.Empty);
    }

    /// <summary>
    /// Open loop on a fixed schedule: call <c>k</c> is due at <c>start + k / rate</c>, whether or not earlier calls
    /// answered, and is started at the first opportunity after that: the completion of any call, or a pacing tick about
    /// every millisecond (<see cref="Task.Delay(int)"/>, the timer's granularity) when no call completes. Under load
    /// completions arrive every few microseconds, so calls start close to their due time; when the caller falls behind
    /// (a busy thread pool, a busy driver activation, a late timer) the due calls start together. Each call's latency is
    /// recorded from its start and from the moment it was due (no coordinated omission: a stall of the caller is not
    /// hidden), and the pacing lag (due to start) on its own. At most <paramref name="maxInFlight"/> calls are
    /// outstanding; a due call beyond that is skipped and counted.
    /// </summary>
    public static async Task<LoadRoundResult> RunPacedAsync(EchoCall call, int targets, double rate, int maxInFlight, TimeSpan length)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfLessThan(targets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        var interval = Stopwatch.Frequency / rate;
        var scheduled = (long)Math.Ceiling(ToTicks(length) / interval);
        var round = new PacedRound(call, targets, maxInFlight, Stopwatch.GetTimestamp(), interval, scheduled);
        while (!round.StartDue())
        {
            await Task.Delay(1);
        }

        await round.DrainAsync();
        var elapsed = Stopwatch.GetElapsedTime(round.Start);
        return new LoadRoundResult(
            round.Calls,
            round.Errors,
            round.Skipped,
            elapsed.TotalSeconds,
            round.FromStart.ToSnapshot(),
            round.FromSchedule.ToSnapshot(),
            rate,
            round.FirstError,
            round.Lag.ToSnapshot());
    }

    private static async Task<long> RunWorkerAsync(EchoCall call, int slot, int index, int targets, long deadline, LatencyHistogram histogram, ErrorCount errors)
    {
        long calls = 0;
        var started = Stopwatch.GetTimestamp();
        while (started < deadline)
        {
            var value = (int)calls;
            try
            {
                var result = await call(slot, index, value);
                var answered = Stopwatch.GetTimestamp();
                if (result == value)
                {
                    histogram.RecordTicks(answered - started);
                    calls++;
                }
                else
                {
                    errors.Add($"Expected {value}, got {result}.");
                }

                started = answered;
            }
            catch (Exception exception)
            {
                errors.Add($"{exception.GetType().Name}: {exception.Message}");
                started = Stopwatch.GetTimestamp();
            }

            if (++index == targets)
            {
                index = 0;
            }
        }

        return calls;
    }

    private static long ToTicks(TimeSpan length) => (long)(length.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Failed calls and the first failure's description.</summary>
    private sealed class ErrorCount
    {
        private long _count;
        private string? _first;

        public long Count => Volatile.Read(ref _count);

        public string? First => Volatile.Read(ref _first);

        public void Add(string description)
        {
            Interlocked.Increment(ref _count);
            Interlocked.CompareExchange(ref _first, description, null);
        }
    }

    /// <summary>The calls of one paced round: the schedule, slots for correlation, histograms, counters.</summary>
    private sealed class PacedRound(EchoCall call, int targets, int maxInFlight, long start, double interval, long scheduled)
    {
        private readonly Lock _lock = new();
        private readonly Stack<int> _free = new(Enumerable.Range(0, maxInFlight).Reverse());
        private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ErrorCount _errors = new();
        private long _issued;
        private int _inFlight;
        private bool _draining;
        private long _calls;
        private long _skipped;

        public long Start => start;

        public LatencyHistogram FromStart { get; } = new();

        public LatencyHistogram FromSchedule { get; } = new();

        public LatencyHistogram Lag { get; } = new();

        public long Calls => Volatile.Read(ref _calls);

        public long Errors => _errors.Count;

        public string? FirstError => _errors.First;

        public long Skipped => Volatile.Read(ref _skipped);

        /// <summary>
        /// Starts every call that is due and not started yet; true once every scheduled call was started. The calls
        /// are started under the lock, so that a round cannot be seen drained while a batch is still being started
        /// (a start never completes a call inline: both the grain and the TCP call answer asynchronously, and the lock
        /// is re-entrant if one ever failed synchronously).
        /// </summary>
        public bool StartDue()
        {
            lock (_lock)
            {
                var due = Math.Min(scheduled, (long)((Stopwatch.GetTimestamp() - start) / interval) + 1);
                for (; _issued < due; _issued++)
                {
                    if (!_free.TryPop(out var slot))
                    {
                        _skipped++;
                        continue;
                    }

                    _inFlight++;
                    _ = RunAsync(slot, (int)(_issued % targets), (int)_issued, start + (long)(_issued * interval));
                }

                return _issued == scheduled;
            }
        }

        public Task DrainAsync()
        {
            lock (_lock)
            {
                _draining = true;
                if (_inFlight == 0)
                {
                    _drained.TrySetResult();
                }
            }

            return _drained.Task;
        }

        private async Task RunAsync(int slot, int target, int value, long due)
        {
            var started = Stopwatch.GetTimestamp();
            Lag.RecordTicks(started - due);
            try
            {
                var result = await call(slot, target, value);
                var answered = Stopwatch.GetTimestamp();
                if (result == value)
                {
                    FromStart.RecordTicks(answered - started);
                    FromSchedule.RecordTicks(answered - due);
                    Interlocked.Increment(ref _calls);
                }
                else
                {
                    _errors.Add($"Expected {value}, got {result}.");
                }
            }
            catch (Exception exception)
            {
                _errors.Add($"{exception.GetType().Name}: {exception.Message}");
            }

            lock (_lock)
            {
                _free.Push(slot);
                if (--_inFlight == 0 && _draining)
                {
                    _drained.TrySetResult();
                }
            }

            // A completion is an opportunity to start what has become due since the last tick.
            StartDue();
        }
    }
}
