using System.Diagnostics;

namespace GameCluster.Runtime;

/// <summary>
/// Work that a connection's read loop makes ready while it decodes one read's frames (activation turns, connection
/// flushes), collected and then run on the reading thread instead of one thread-pool work item each: the thread that
/// read the bytes runs the turns they start and writes the answers, as a raw TCP server answers on its read loop,
/// and no worker has to be woken per message. Running inline stops once the batch has run for its budget
/// (checked every few items); the rest goes to the thread pool, so a long or blocking turn
/// holds the connection for at most that long plus the length of a few turns, and expensive turns still spread over
/// all cores.
/// </summary>
internal sealed class InlineDispatchBatch
{
    private const int ItemsPerClockRead = 4;

    [ThreadStatic]
    private static InlineDispatchBatch? t_current;

    private readonly List<IThreadPoolWorkItem> _items = [];
    private readonly long _budgetTicks;
    private InlineDispatchBatch? _outer;
    private long _suspendedUntil;

    /// <summary>A batch that runs work inline for up to <paramref name="budget"/> (zero or less: never).</summary>
    public InlineDispatchBatch(TimeSpan budget) => _budgetTicks = (long)(budget.TotalSeconds * Stopwatch.Frequency);

    /// <summary>
    /// Queues <paramref name="item"/>: into the batch open on this thread, else to the thread pool.
    /// </summary>
    public static void Schedule(IThreadPoolWorkItem item, bool preferLocal)
    {
        if (t_current is { } batch)
        {
            batch._items.Add(item);
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal);
    }

    /// <summary>
    /// Runs nothing inline for <paramref name="duration"/> from now: every later <see cref="Run"/> hands its work to the
    /// thread pool until then (for a connection whose turns were caught blocking the reading thread).
    /// </summary>
    public void Suspend(TimeSpan duration) =>
        Volatile.Write(ref _suspendedUntil, Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency));

    /// <summary>Opens the batch on this thread: work scheduled from now on waits for <see cref="Run"/>.</summary>
    public void Open()
    {
        _outer = t_current;
        t_current = this;
    }

    /// <summary>
    /// Runs the collected work on this thread (work it schedules joins the batch) until the batch is empty or its
    /// budget is spent, then closes the batch (a batch open on this thread before it is current again) and queues
    /// what is left to the thread pool. Returns how long the work it ran inline took, not counting collections and
    /// this thread's compilation meanwhile (the runtime's time, not the work's). A turn blocked outside managed code
    /// is not stopped by a collection, so a pause during such a block is not counted either: blocking is under-reported
    /// by the collections that happen while it lasts, usually a few milliseconds.
    /// </summary>
    public TimeSpan Run()
    {
        var items = _items;
        var index = 0;
        try
        {
            if (items.Count == 0 || _budgetTicks <= 0)
            {
                return TimeSpan.Zero;
            }

            var start = Stopwatch.GetTimestamp();
            if (start < Volatile.Read(ref _suspendedUntil))
            {
                return TimeSpan.Zero;
            }

            var runtimeBefore = GC.GetTotalPauseDuration() + System.Runtime.JitInfo.GetCompilationTime(currentThread: true);

            while (index < items.Count)
            {
                items[index++].Execute();

                // The clock is read every few items: reading it costs about as much as a short turn.
                if (index % ItemsPerClockRead == 0 && index < items.Count && Stopwatch.GetTimestamp() - start > _budgetTicks)
                {
                    break;
                }
            }

            var runtime = GC.GetTotalPauseDuration() + System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - runtimeBefore;
            return Stopwatch.GetElapsedTime(start) - runtime;
        }
        finally
        {
            t_current = _outer;
            _outer = null;
            for (; index < items.Count; index++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(items[index], preferLocal: false);
            }

            items.Clear();
        }
    }
}
