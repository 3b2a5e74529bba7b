using GameCluster.Invocation;

namespace GameCluster.Runtime;

/// <summary>Runs the registered incoming filters, then the grain's own filter, then the call.</summary>
internal sealed class IncomingCallContext(RequestBase request, object grain, IIncomingGrainCallFilter[] filters) : IIncomingGrainCallContext
{
    private int _next;

    public IInvokable Request => request;

    public object Grain => grain;

    public GrainId TargetId => request.TargetId;

    public GrainId? SourceId => request.SourceId.IsDefault ? null : request.SourceId;

    public string InterfaceName => request.Metadata.InterfaceName;

    public string MethodName => request.Metadata.MethodName;

    public object? Result
    {
        get => request.BoxedResult;
        set => request.BoxedResult = value;
    }

    public async Task Invoke()
    {
        var index = _next++;
        if (index < filters.Length)
        {
            await filters[index].Invoke(this);
        }
        else if (index == filters.Length && grain is IIncomingGrainCallFilter grainFilter)
        {
            await grainFilter.Invoke(this);
        }
        else
        {
            await request.InvokeAsync(grain);
        }
    }
}
