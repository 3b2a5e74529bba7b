using System.Buffers.Binary;
using System.Text;

namespace GameCluster.Serialization;

/// <summary>Reads the tagged binary wire format from a span.</summary>
public ref struct Reader
{
    private const int MaxSkipDepth = 64;
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    public Reader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Whether every byte was consumed.</summary>
    public readonly bool IsAtEnd => _position >= _data.Length;

    /// <summary>Reads a field tag.</summary>
    public WireType ReadTag(out uint fieldId)
    {
        var tag = ReadVarUInt32();
        var wireType = (WireType)(tag & 7);
        if (wireType > WireType.Null)
        {
            throw new WireFormatException($"Unknown wire type {(int)wireType} at byte {_position}.");
        }

        fieldId = tag >> 3;
        return wireType;
    }

    /// <summary>Reads an unsigned variable-length integer.</summary>
    public uint ReadVarUInt32()
    {
        var value = ReadVarUInt64();
        return value <= uint.MaxValue ? (uint)value : throw new WireFormatException("A 32-bit varint overflowed.");
    }

    /// <summary>Reads an unsigned variable-length integer.</summary>
    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new WireFormatException("A varint is longer than ten bytes.");
    }

    /// <summary>Reads four little-endian bytes.</summary>
    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(4));

    /// <summary>Reads eight little-endian bytes.</summary>
    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadSpan(8));

    /// <summary>Reads one byte.</summary>
    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw new WireFormatException("Unexpected end of data.");
        }

        return _data[_position++];
    }

    /// <summary>Reads <paramref name="length"/> raw bytes.</summary>
    public ReadOnlySpan<byte> ReadSpan(int length)
    {
        if (length < 0 || length > _data.Length - _position)
        {
            throw new WireFormatException($"A field of {length} bytes runs past the end of the data.");
        }

        var span = _data.Slice(_position, length);
        _position += length;
        return span;
    }

    /// <summary>Reads a length prefix and that many bytes.</summary>
    public ReadOnlySpan<byte> ReadLengthPrefixed() => ReadSpan(checked((int)ReadVarUInt32()));

    /// <summary>Reads a length-prefixed UTF-8 string.</summary>
    public string ReadUtf8() => Encoding.UTF8.GetString(ReadLengthPrefixed());

    /// <summary>Skips the value of a field with the given wire type, including whole nested objects.</summary>
    public void SkipField(WireType wireType)
    {
        var depth = 0;
        while (true)
        {
            switch (wireType)
            {
                case WireType.VarInt:
                    ReadVarUInt64();
                    break;
                case WireType.Fixed32:
                    ReadSpan(4);
                    break;
                case WireType.Fixed64:
                    ReadSpan(8);
                    break;
                case WireType.LengthPrefixed:
                    ReadLengthPrefixed();
                    break;
                case WireType.StartObject:
                    if (++depth > MaxSkipDepth)
                    {
                        throw new WireFormatException("Objects are nested too deeply.");
                    }

                    break;
                case WireType.EndObject:
                    if (depth == 0)
                    {
                        throw new WireFormatException("Unexpected end of object.");
                    }

                    depth--;
                    break;
                case WireType.Null:
                    break;
                default:
                    throw new WireFormatException($"Unknown wire type {wireType}.");
            }

            if (depth == 0)
            {
                return;
            }

            wireType = ReadTag(out _);
        }
    }

    /// <summary>Throws unless <paramref name="actual"/> is <paramref name="expected"/>.</summary>
    public static void Expect(WireType actual, WireType expected)
    {
        if (actual != expected)
        {
            throw new WireFormatException($"Expected a {expected} field but found {actual}.");
        }
    }
}
