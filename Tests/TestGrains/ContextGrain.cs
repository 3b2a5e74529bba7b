using GameCluster.Tests.Infrastructure;

namespace GameCluster.Tests.TestGrains;

public interface IContextGrain : IGrainWithStringKey
{
    Task<string?> GetContextValueAsync(string key);

    Task<string?> GetContextValueViaAsync(IContextGrain other, string key);

    Task<string> EchoAsync(string value);
}

/// <summary>Also filters its own calls: when the request context asks for it, results are upper-cased.</summary>
public sealed class ContextGrain : Grain, IContextGrain, IIncomingGrainCallFilter
{
    public Task<string?> GetContextValueAsync(string key) => Task.FromResult(RequestContext.Get(key));

    public Task<string?> GetContextValueViaAsync(IContextGrain other, string key) => other.GetContextValueAsync(key);

    public Task<string> EchoAsync(string value) => Task.FromResult(value);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (RequestContext.Get("upper") == "1" && context.Result is string text)
        {
            context.Result = text.ToUpperInvariant();
        }
    }
}

public sealed class RecordingIncomingFilter(GrainProbe probe) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceName.EndsWith(nameof(IContextGrain), StringComparison.Ordinal))
        {
            probe.Record($"in:{context.MethodName}:{context.Request.GetArgument(0)}");
        }

        await context.Invoke();
    }
}

public sealed class RecordingOutgoingFilter(GrainProbe probe) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceName.EndsWith(nameof(IContextGrain), StringComparison.Ordinal))
        {
            probe.Record($"out:{context.MethodName}:{context.SourceId?.Type ?? "client"}");
        }

        await context.Invoke();
    }
}
