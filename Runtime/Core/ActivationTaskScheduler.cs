namespace GameCluster.Runtime;

/// <summary>
/// Runs an activation's tasks one at a time, in order, on the thread pool. Every await inside grain code resumes
/// here, which is what makes a grain single-threaded without locks.
/// </summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    private const int MaxTasksPerTurn = 64;
    private readonly Lock _lock = new();
    private readonly Queue<Task> _tasks = new(2);
    private bool _scheduled;
    private int _runningThreadId;

    public override int MaximumConcurrencyLevel => 1;

    void IThreadPoolWorkItem.Execute()
    {
        _runningThreadId = Environment.CurrentManagedThreadId;
        try
        {
            for (var executed = 0; executed < MaxTasksPerTurn; executed++)
            {
                Task? task;
                lock (_lock)
                {
                    if (!_tasks.TryDequeue(out task))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                TryExecuteTask(task);
            }
        }
        finally
        {
            _runningThreadId = 0;
        }

        // Yield the thread to other activations, then continue.
        InlineDispatchBatch.Schedule(this, preferLocal: false);
    }

    protected override void QueueTask(Task task)
    {
        lock (_lock)
        {
            _tasks.Enqueue(task);
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        InlineDispatchBatch.Schedule(this, preferLocal: true);
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && _runningThreadId == Environment.CurrentManagedThreadId && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_lock)
        {
            return [.. _tasks];
        }
    }
}
