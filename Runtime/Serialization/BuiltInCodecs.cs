using System.Runtime.InteropServices;
using System.Text;

namespace GameCluster.Serialization;

/// <summary>
/// Field codecs for the primitive types that generated serializers use directly. Integers of every width share the
/// zig-zag varint encoding, so widening a member (int to long) stays wire compatible.
/// </summary>
public static class BuiltInCodecs
{
    /// <summary>Writes a boolean field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, bool value)
    {
        writer.WriteTag(fieldId, WireType.VarInt);
        writer.WriteVarUInt32(value ? 1u : 0u);
    }

    /// <summary>Writes a byte field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, byte value) => WriteUnsigned(ref writer, fieldId, value);

    /// <summary>Writes a signed byte field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, sbyte value) => WriteSigned(ref writer, fieldId, value);

    /// <summary>Writes a 16-bit integer field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, short value) => WriteSigned(ref writer, fieldId, value);

    /// <summary>Writes an unsigned 16-bit integer field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, ushort value) => WriteUnsigned(ref writer, fieldId, value);

    /// <summary>Writes a 32-bit integer field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, int value) => WriteSigned(ref writer, fieldId, value);

    /// <summary>Writes an unsigned 32-bit integer field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, uint value) => WriteUnsigned(ref writer, fieldId, value);

    /// <summary>Writes a 64-bit integer field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, long value) => WriteSigned(ref writer, fieldId, value);

    /// <summary>Writes an unsigned 64-bit integer field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, ulong value) => WriteUnsigned(ref writer, fieldId, value);

    /// <summary>Writes a character field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, char value) => WriteUnsigned(ref writer, fieldId, value);

    /// <summary>Writes a single-precision field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, float value)
    {
        writer.WriteTag(fieldId, WireType.Fixed32);
        writer.WriteFixed32(BitConverter.SingleToUInt32Bits(value));
    }

    /// <summary>Writes a double-precision field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, double value)
    {
        writer.WriteTag(fieldId, WireType.Fixed64);
        writer.WriteFixed64(BitConverter.DoubleToUInt64Bits(value));
    }

    /// <summary>Writes a decimal field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        writer.WriteTag(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(MemoryMarshal.AsBytes(bits));
    }

    /// <summary>Writes a string field; null is written as a null field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteTag(fieldId, WireType.LengthPrefixed);
        writer.WriteUtf8(value);
    }

    /// <summary>Writes a byte array field; null is written as a null field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteTag(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(value);
    }

    /// <summary>Writes a Guid field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        writer.WriteTag(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(bytes);
    }

    /// <summary>Writes a date-time field, keeping its kind.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, DateTime value)
    {
        writer.WriteTag(fieldId, WireType.Fixed64);
        writer.WriteFixed64((ulong)value.ToBinary());
    }

    /// <summary>Writes a date-time-with-offset field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, DateTimeOffset value)
    {
        writer.WriteStartObject(fieldId);
        WriteField(ref writer, 0, value.Ticks);
        WriteField(ref writer, 1, (short)value.Offset.TotalMinutes);
        writer.WriteEndObject();
    }

    /// <summary>Writes a time-span field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, TimeSpan value) => WriteSigned(ref writer, fieldId, value.Ticks);

    /// <summary>Writes a grain id field.</summary>
    public static void WriteField(ref Writer writer, uint fieldId, GrainId value)
    {
        writer.WriteStartObject(fieldId);
        WriteField(ref writer, 0, value.Type);
        WriteField(ref writer, 1, value.Key);
        writer.WriteEndObject();
    }

    /// <summary>Reads a boolean.</summary>
    public static bool ReadBoolean(ref Reader reader, WireType wireType) => ReadUnsigned(ref reader, wireType) != 0;

    /// <summary>Reads a byte.</summary>
    public static byte ReadByte(ref Reader reader, WireType wireType) => checked((byte)ReadUnsigned(ref reader, wireType));

    /// <summary>Reads a signed byte.</summary>
    public static sbyte ReadSByte(ref Reader reader, WireType wireType) => checked((sbyte)ReadSigned(ref reader, wireType));

    /// <summary>Reads a 16-bit integer.</summary>
    public static short ReadInt16(ref Reader reader, WireType wireType) => checked((short)ReadSigned(ref reader, wireType));

    /// <summary>Reads an unsigned 16-bit integer.</summary>
    public static ushort ReadUInt16(ref Reader reader, WireType wireType) => checked((ushort)ReadUnsigned(ref reader, wireType));

    /// <summary>Reads a 32-bit integer.</summary>
    public static int ReadInt32(ref Reader reader, WireType wireType) => checked((int)ReadSigned(ref reader, wireType));

    /// <summary>Reads an unsigned 32-bit integer.</summary>
    public static uint ReadUInt32(ref Reader reader, WireType wireType) => checked((uint)ReadUnsigned(ref reader, wireType));

    /// <summary>Reads a 64-bit integer.</summary>
    public static long ReadInt64(ref Reader reader, WireType wireType) => ReadSigned(ref reader, wireType);

    /// <summary>Reads an unsigned 64-bit integer.</summary>
    public static ulong ReadUInt64(ref Reader reader, WireType wireType) => ReadUnsigned(ref reader, wireType);

    /// <summary>Reads a character.</summary>
    public static char ReadChar(ref Reader reader, WireType wireType) => checked((char)ReadUnsigned(ref reader, wireType));

    /// <summary>Reads a single-precision value.</summary>
    public static float ReadSingle(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.Fixed32);
        return BitConverter.UInt32BitsToSingle(reader.ReadFixed32());
    }

    /// <summary>Reads a double-precision value.</summary>
    public static double ReadDouble(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.Fixed64);
        return BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
    }

    /// <summary>Reads a decimal.</summary>
    public static decimal ReadDecimal(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed);
        var bytes = reader.ReadLengthPrefixed();
        if (bytes.Length != 16)
        {
            throw new WireFormatException("A decimal field must hold 16 bytes.");
        }

        return new decimal(MemoryMarshal.Cast<byte, int>(bytes));
    }

    /// <summary>Reads a string, or null.</summary>
    public static string? ReadString(ref Reader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        Reader.Expect(wireType, WireType.LengthPrefixed);
        return reader.ReadUtf8();
    }

    /// <summary>Reads a byte array, or null.</summary>
    public static byte[]? ReadBytes(ref Reader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        Reader.Expect(wireType, WireType.LengthPrefixed);
        return reader.ReadLengthPrefixed().ToArray();
    }

    /// <summary>Reads a Guid.</summary>
    public static Guid ReadGuid(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed);
        var bytes = reader.ReadLengthPrefixed();
        return bytes.Length == 16 ? new Guid(bytes) : throw new WireFormatException("A Guid field must hold 16 bytes.");
    }

    /// <summary>Reads a date-time.</summary>
    public static DateTime ReadDateTime(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.Fixed64);
        return DateTime.FromBinary((long)reader.ReadFixed64());
    }

    /// <summary>Reads a date-time-with-offset.</summary>
    public static DateTimeOffset ReadDateTimeOffset(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.StartObject);
        long ticks = 0;
        short offsetMinutes = 0;
        while (true)
        {
            var fieldType = reader.ReadTag(out var id);
            if (fieldType == WireType.EndObject)
            {
                return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
            }

            switch (id)
            {
                case 0: ticks = ReadInt64(ref reader, fieldType); break;
                case 1: offsetMinutes = ReadInt16(ref reader, fieldType); break;
                default: reader.SkipField(fieldType); break;
            }
        }
    }

    /// <summary>Reads a time-span.</summary>
    public static TimeSpan ReadTimeSpan(ref Reader reader, WireType wireType) => TimeSpan.FromTicks(ReadSigned(ref reader, wireType));

    /// <summary>Reads a grain id; with <paramref name="knownTypes"/>, a known grain type reuses the manifest's string.</summary>
    public static GrainId ReadGrainId(ref Reader reader, WireType wireType, Metadata.GrainManifest? knownTypes = null)
    {
        Reader.Expect(wireType, WireType.StartObject);
        string? type = null;
        string? key = null;
        while (true)
        {
            var fieldType = reader.ReadTag(out var id);
            if (fieldType == WireType.EndObject)
            {
                return type is null || key is null
                    ? throw new WireFormatException("A grain id needs a type and a key.")
                    : new GrainId(type, key);
            }

            switch (id)
            {
                case 0: type = knownTypes is null ? ReadString(ref reader, fieldType) : ReadGrainType(ref reader, fieldType, knownTypes); break;
                case 1: key = ReadString(ref reader, fieldType); break;
                default: reader.SkipField(fieldType); break;
            }
        }
    }

    private static string? ReadGrainType(ref Reader reader, WireType wireType, Metadata.GrainManifest knownTypes)
    {
        const int MaxKnownTypeBytes = 128;
        if (wireType == WireType.Null)
        {
            return null;
        }

        Reader.Expect(wireType, WireType.LengthPrefixed);
        var bytes = reader.ReadLengthPrefixed();
        if (bytes.Length <= MaxKnownTypeBytes)
        {
            // UTF-8 never needs more chars than bytes.
            Span<char> chars = stackalloc char[bytes.Length];
            if (Encoding.UTF8.TryGetChars(bytes, chars, out var count) && knownTypes.TryGetGrainTypeName(chars[..count], out var known))
            {
                return known;
            }
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static void WriteSigned(ref Writer writer, uint fieldId, long value)
    {
        writer.WriteTag(fieldId, WireType.VarInt);
        writer.WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));
    }

    private static void WriteUnsigned(ref Writer writer, uint fieldId, ulong value)
    {
        writer.WriteTag(fieldId, WireType.VarInt);
        writer.WriteVarUInt64(value);
    }

    private static long ReadSigned(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt);
        var raw = reader.ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    private static ulong ReadUnsigned(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt);
        return reader.ReadVarUInt64();
    }
}
