namespace GameCluster.Runtime;

/// <summary>A persistent state that the activation reads before <c>OnActivateAsync</c>.</summary>
internal interface IStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
