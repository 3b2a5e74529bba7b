using GameCluster.Messaging;
using GameCluster.Runtime;
using GameCluster.Serialization;

namespace GameCluster.Invocation;

/// <summary>A call of a grain interface method that returns <typeparamref name="TResult"/>.</summary>
public abstract class Request<TResult> : RequestBase
{
    private TaskCompletionSource<TResult>? _completion;

    /// <summary>The result, once the method completed.</summary>
    public TResult Result { get; set; } = default!;

    /// <inheritdoc />
    public sealed override object? BoxedResult
    {
        get => Result;
        set => Result = (TResult)value!;
    }

    /// <summary>Deep-copies a result, or returns it when its type is immutable.</summary>
    public abstract TResult CopyResult(TResult value);

    /// <summary>Writes a result.</summary>
    public abstract void WriteResult(ref Writer writer, TResult value, SerializerSession session);

    /// <summary>Reads a result.</summary>
    public abstract TResult ReadResult(ref Reader reader, SerializerSession session);

    /// <inheritdoc />
    public sealed override ValueTask InvokeAsync(object grain)
    {
        var pending = InvokeMethodAsync(grain);
        if (pending.IsCompletedSuccessfully)
        {
            Result = pending.Result;
            return default;
        }

        return AwaitResultAsync(pending);
    }

    /// <summary>Calls the interface method on the grain.</summary>
    protected abstract ValueTask<TResult> InvokeMethodAsync(object grain);

    internal override bool IsCompleted => _completion?.Task.IsCompleted ?? false;

    internal Task<TResult> CreateCompletion()
    {
        _completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _completion.Task;
    }

    internal override void Complete()
    {
        if (ResponseConnection is { } connection)
        {
            if (!Metadata.IsOneWay)
            {
                connection.Send(new OutboundMessage(MessageKind.Response, this, CorrelationId: CorrelationId));
            }

            return;
        }

        TimeoutTracker?.Untrack(this);
        _completion?.TrySetResult(CopyResult(Result));
    }

    internal override void Fail(Exception exception)
    {
        if (ResponseConnection is { } connection)
        {
            if (!Metadata.IsOneWay)
            {
                connection.Send(new OutboundMessage(MessageKind.Error, this, exception, CorrelationId));
            }

            return;
        }

        TimeoutTracker?.Untrack(this);
        _completion?.TrySetException(exception);
    }

    internal override void WriteResultBody(ref Writer writer, SerializerSession session) => WriteResult(ref writer, Result, session);

    internal override void ReadResultAndComplete(ref Reader reader, SerializerSession session)
    {
        var result = ReadResult(ref reader, session);
        TimeoutTracker?.Untrack(this);
        _completion?.TrySetResult(result);
    }

    private async ValueTask AwaitResultAsync(ValueTask<TResult> pending) => Result = await pending;
}
