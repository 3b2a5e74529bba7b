namespace GameCluster.Serialization;

/// <summary>How a field's value is encoded; it lets a reader skip fields it does not know.</summary>
public enum WireType : byte
{
    /// <summary>A variable-length integer (zig-zag for signed types).</summary>
    VarInt = 0,

    /// <summary>Four little-endian bytes.</summary>
    Fixed32 = 1,

    /// <summary>Eight little-endian bytes.</summary>
    Fixed64 = 2,

    /// <summary>A variable-length byte count followed by that many bytes.</summary>
    LengthPrefixed = 3,

    /// <summary>The start of a nested object; fields follow until <see cref="EndObject"/>.</summary>
    StartObject = 4,

    /// <summary>The end of a nested object.</summary>
    EndObject = 5,

    /// <summary>A null value; nothing follows.</summary>
    Null = 6,
}
