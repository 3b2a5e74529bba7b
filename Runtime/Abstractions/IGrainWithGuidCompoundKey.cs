namespace GameCluster;

/// <summary>A grain identified by a <see cref="Guid"/> and a string key extension.</summary>
public interface IGrainWithGuidCompoundKey : IGrain;
