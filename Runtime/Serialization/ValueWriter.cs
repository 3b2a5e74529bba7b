namespace GameCluster.Serialization;

/// <summary>Writes one value as a field; used for collection elements.</summary>
public delegate void ValueWriter<in T>(ref Writer writer, uint fieldId, T value, SerializerSession session);
