namespace GameCluster;

/// <summary>A call arriving at a grain activation.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain instance that will run the call.</summary>
    object Grain { get; }
}
