namespace GameCluster;

/// <summary>A grain identified by a 64-bit integer and a string key extension.</summary>
public interface IGrainWithIntegerCompoundKey : IGrain;
