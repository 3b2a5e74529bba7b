using GameCluster.Invocation;

namespace GameCluster.Runtime;

/// <summary>Runs the registered outgoing filters, then sends the call and waits for its result.</summary>
internal sealed class OutgoingCallContext<TResult>(Request<TResult> request, IOutgoingGrainCallFilter[] filters, Func<Request<TResult>, Task<TResult>> send)
    : IOutgoingGrainCallContext
{
    private int _next;

    public IInvokable Request => request;

    public GrainId TargetId => request.TargetId;

    public GrainId? SourceId => request.SourceId.IsDefault ? null : request.SourceId;

    public string InterfaceName => request.Metadata.InterfaceName;

    public string MethodName => request.Metadata.MethodName;

    public object? Result { get; set; }

    public async Task<TResult> InvokeAndGetResultAsync()
    {
        await Invoke();
        return (TResult)Result!;
    }

    public async Task Invoke()
    {
        var index = _next++;
        if (index < filters.Length)
        {
            await filters[index].Invoke(this);
            return;
        }

        Result = await send(request);
    }
}
