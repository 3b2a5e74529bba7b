namespace GameCluster.Serialization;

/// <summary>Reads one value whose tag was already read; used for collection elements.</summary>
public delegate T ValueReader<out T>(ref Reader reader, WireType wireType, SerializerSession session);
