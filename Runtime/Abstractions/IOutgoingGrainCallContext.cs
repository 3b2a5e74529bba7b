namespace GameCluster;

/// <summary>A call leaving a caller.</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext;
