namespace GameCluster;

/// <summary>A grain call passing through a call filter.</summary>
public interface IGrainCallContext
{
    /// <summary>The call's arguments.</summary>
    IInvokable Request { get; }

    /// <summary>The grain being called.</summary>
    GrainId TargetId { get; }

    /// <summary>The calling grain, or <see langword="null"/> for calls from outside a grain.</summary>
    GrainId? SourceId { get; }

    /// <summary>The full name of the grain interface.</summary>
    string InterfaceName { get; }

    /// <summary>The name of the interface method.</summary>
    string MethodName { get; }

    /// <summary>The call's result once <see cref="Invoke"/> completed; a filter may replace it.</summary>
    object? Result { get; set; }

    /// <summary>Runs the next filter, or the call itself after the last one.</summary>
    Task Invoke();
}
