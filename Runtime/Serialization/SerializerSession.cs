namespace GameCluster.Serialization;

/// <summary>What generated serializers need beyond the bytes: a factory to turn grain ids back into references.</summary>
public sealed class SerializerSession(IGrainFactory grainFactory)
{
    /// <summary>Creates grain references for deserialized grain ids.</summary>
    public IGrainFactory GrainFactory { get; } = grainFactory;
}
