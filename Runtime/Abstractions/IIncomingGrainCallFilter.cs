namespace GameCluster;

/// <summary>
/// Runs around every application call an activation receives. Register with
/// <c>AddIncomingGrainCallFilter</c>, or implement it on a grain class to filter that grain's calls.
/// </summary>
public interface IIncomingGrainCallFilter
{
    /// <summary>Inspects or changes the call; must await <c>context.Invoke()</c> for the call to run.</summary>
    Task Invoke(IIncomingGrainCallContext context);
}
