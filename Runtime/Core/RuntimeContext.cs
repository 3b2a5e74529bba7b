using GameCluster.Invocation;

namespace GameCluster.Runtime;

/// <summary>
/// What the current code runs on behalf of: a request on an activation, or an activation's own work
/// (activation, timers, deactivation). Outgoing calls read it to extend the call chain.
/// </summary>
internal static class RuntimeContext
{
    private static readonly AsyncLocal<object?> Frame = new();

    public static ActivationData? CurrentActivation => Frame.Value switch
    {
        RequestBase request => request.Activation,
        ActivationData activation => activation,
        _ => null,
    };

    public static RequestBase? CurrentRequest => Frame.Value as RequestBase;

    public static void Enter(RequestBase request) => Frame.Value = request;

    public static void Enter(ActivationData activation) => Frame.Value = activation;
}
