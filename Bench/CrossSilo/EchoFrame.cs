using System.Buffers.Binary;

namespace GameCluster.Bench.CrossSilo;

/// <summary>
/// The raw TCP reference's frame: a 4-byte little-endian length prefix (as the runtime's frames have), then the
/// payload: the caller's correlation slot and the value, 4 bytes each. The server echoes frames back unchanged.
/// </summary>
public static class EchoFrame
{
    /// <summary>Payload bytes.</summary>
    public const int PayloadLength = 8;

    /// <summary>Bytes of a whole frame.</summary>
    public const int Length = 4 + PayloadLength;

    /// <summary>Writes a frame into <paramref name="destination"/> (at least <see cref="Length"/> bytes).</summary>
    public static void Write(Span<byte> destination, int slot, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, PayloadLength);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], slot);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], value);
    }

    /// <summary>Reads a frame's slot and value; throws when the length prefix is not this frame's.</summary>
    public static (int Slot, int Value) Read(ReadOnlySpan<byte> frame)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(frame);
        if (length != PayloadLength)
        {
            throw new InvalidDataException($"Echo frame of {length} bytes; expected {PayloadLength}.");
        }

        return (BinaryPrimitives.ReadInt32LittleEndian(frame[4..]), BinaryPrimitives.ReadInt32LittleEndian(frame[8..]));
    }
}
