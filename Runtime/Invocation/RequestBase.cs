using System.Collections.Immutable;
using System.Diagnostics;
using GameCluster.Membership;
using GameCluster.Messaging;
using GameCluster.Runtime;
using GameCluster.Serialization;

namespace GameCluster.Invocation;

/// <summary>
/// One call of a grain interface method: its arguments (generated per method) and the runtime's bookkeeping for
/// routing, scheduling and completing it.
/// </summary>
public abstract class RequestBase : IInvokable
{
    private CallChainLink? _outgoingCallChain;

    /// <summary>The method being called.</summary>
    public abstract RequestMetadata Metadata { get; }

    /// <inheritdoc />
    public abstract int ArgumentCount { get; }

    /// <summary>Whether any argument is of a mutable type and must be copied for a local call.</summary>
    public abstract bool ArgumentsRequireCopy { get; }

    /// <summary>The call's result, boxed, once it completed.</summary>
    public abstract object? BoxedResult { get; set; }

    /// <inheritdoc />
    public abstract object? GetArgument(int index);

    /// <inheritdoc />
    public abstract void SetArgument(int index, object? value);

    /// <summary>Replaces mutable arguments by deep copies, isolating caller and callee.</summary>
    public abstract void CopyArguments();

    /// <summary>Writes the arguments.</summary>
    public abstract void WriteArguments(ref Writer writer, SerializerSession session);

    /// <summary>Reads the arguments.</summary>
    public abstract void ReadArguments(ref Reader reader, SerializerSession session);

    /// <summary>Runs the method on <paramref name="grain"/> and keeps its result.</summary>
    public abstract ValueTask InvokeAsync(object grain);

    internal GrainId TargetId { get; set; }

    internal GrainId SourceId { get; set; }

    internal CallChainLink? CallChain { get; set; }

    /// <summary>
    /// The call chain of the calls this request makes while it runs on <paramref name="activation"/>: that grain in
    /// front of this request's chain. Made once and shared by all those calls (a link never changes).
    /// </summary>
    internal CallChainLink OutgoingCallChain(GrainId activation) => _outgoingCallChain ??= new CallChainLink(activation, CallChain);

    internal ImmutableDictionary<string, string>? ContextValues { get; set; }

    internal ActivityContext ParentActivity { get; set; }

    internal long CorrelationId { get; set; }

    internal long DeadlineTimestamp { get; set; }

    internal long StartTimestamp { get; set; }

    internal CallTimeoutTracker? TimeoutTracker { get; set; }

    /// <summary>The silo the request was sent to, for failing it fast when that silo goes away.</summary>
    internal SiloAddress? TargetSilo { get; set; }

    /// <summary>For a request that arrived from another process: the connection its response goes back on.</summary>
    internal Connection? ResponseConnection { get; set; }

    /// <summary>The silo that last turned the request away.</summary>
    internal SiloAddress? RejectedBy { get; set; }

    /// <summary>How many times the request was routed again after a silo turned it away.</summary>
    internal int RetryCount { get; set; }

    /// <summary>The activation running this request, while it runs.</summary>
    internal ActivationData? Activation { get; set; }

    /// <summary>Runtime work (timer ticks) that bypasses call filters.</summary>
    internal virtual bool IsSystemWork => false;

    /// <summary>Whether the activation counts this request as activity for idle collection.</summary>
    internal virtual bool KeepsAlive => true;

    internal abstract bool IsCompleted { get; }

    /// <summary>Completes the caller's task with the (copied) result.</summary>
    internal abstract void Complete();

    /// <summary>Fails the caller's task.</summary>
    internal abstract void Fail(Exception exception);

    /// <summary>Writes the result as a response body.</summary>
    internal abstract void WriteResultBody(ref Writer writer, SerializerSession session);

    /// <summary>Reads a response body and completes the caller's task with it.</summary>
    internal abstract void ReadResultAndComplete(ref Reader reader, SerializerSession session);
}
