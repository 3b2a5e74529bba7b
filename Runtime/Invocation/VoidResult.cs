namespace GameCluster.Invocation;

/// <summary>The result type of grain methods that return a plain <see cref="Task"/>.</summary>
public readonly struct VoidResult
{
    /// <summary>Adapts a task to the request pipeline.</summary>
    public static ValueTask<VoidResult> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitAsync(task);

    /// <summary>Adapts a value task to the request pipeline.</summary>
    public static ValueTask<VoidResult> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitAsync(task);

    private static async ValueTask<VoidResult> AwaitAsync(Task task)
    {
        await task;
        return default;
    }

    private static async ValueTask<VoidResult> AwaitAsync(ValueTask task)
    {
        await task;
        return default;
    }
}
