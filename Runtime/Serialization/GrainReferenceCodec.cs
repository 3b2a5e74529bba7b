namespace GameCluster.Serialization;

/// <summary>Serializes grain references as their grain id; the reader rebuilds a reference of the declared interface.</summary>
public static class GrainReferenceCodec
{
    /// <summary>Writes a grain reference field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, IAddressable? value, SerializerSession session)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        BuiltInCodecs.WriteField(ref writer, fieldId, value.GetGrainId());
    }

    /// <summary>Reads a grain reference, or null.</summary>
    public static TGrainInterface? ReadField<TGrainInterface>(ref Reader reader, WireType wireType, SerializerSession session)
        where TGrainInterface : class, IAddressable =>
        wireType == WireType.Null
            ? null
            : session.GrainFactory.GetGrain<TGrainInterface>(BuiltInCodecs.ReadGrainId(ref reader, wireType));

    /// <summary>
    /// References are immutable, so a copy is the same reference; a grain instance passed as itself becomes a
    /// reference so the callee never touches another activation's object.
    /// </summary>
    public static TGrainInterface Copy<TGrainInterface>(TGrainInterface value) where TGrainInterface : IAddressable =>
        value is Grain ? value.AsReference<TGrainInterface>() : value;
}
