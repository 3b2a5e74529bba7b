namespace GameCluster;

/// <summary>Runs around every grain call made from this process. Register with <c>AddOutgoingGrainCallFilter</c>.</summary>
public interface IOutgoingGrainCallFilter
{
    /// <summary>Inspects or changes the call; must await <c>context.Invoke()</c> for the call to be sent.</summary>
    Task Invoke(IOutgoingGrainCallContext context);
}
