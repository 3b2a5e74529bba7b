using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace GameCluster.Serialization;

/// <summary>
/// Writes the tagged binary wire format into an <see cref="IBufferWriter{T}"/>. Call <see cref="Commit"/> when done
/// so the last bytes are advanced into the output.
/// </summary>
public ref struct Writer
{
    private const int MinimumSegment = 256;
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _buffer;
    private int _position;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    public Writer(IBufferWriter<byte> output)
    {
        _output = output;
        _buffer = output.GetSpan(MinimumSegment);
        _position = 0;
    }

    /// <summary>Advances the written bytes into the output.</summary>
    public void Commit()
    {
        _output.Advance(_position);
        _buffer = default;
        _position = 0;
    }

    /// <summary>Writes a field tag.</summary>
    public void WriteTag(uint fieldId, WireType wireType) => WriteVarUInt32((fieldId << 3) | (uint)wireType);

    /// <summary>Writes a null field.</summary>
    public void WriteNull(uint fieldId) => WriteTag(fieldId, WireType.Null);

    /// <summary>Writes the start of a nested object.</summary>
    public void WriteStartObject(uint fieldId) => WriteTag(fieldId, WireType.StartObject);

    /// <summary>Writes the end of a nested object.</summary>
    public void WriteEndObject() => WriteTag(0, WireType.EndObject);

    /// <summary>Writes an unsigned variable-length integer.</summary>
    public void WriteVarUInt32(uint value) => WriteVarUInt64(value);

    /// <summary>Writes an unsigned variable-length integer.</summary>
    public void WriteVarUInt64(ulong value)
    {
        Ensure(10);
        var span = _buffer[_position..];
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _position += i;
    }

    /// <summary>Writes four little-endian bytes.</summary>
    public void WriteFixed32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer[_position..], value);
        _position += 4;
    }

    /// <summary>Writes eight little-endian bytes.</summary>
    public void WriteFixed64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer[_position..], value);
        _position += 8;
    }

    /// <summary>Writes raw bytes.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_buffer.Length == _position)
            {
                Grow(bytes.Length);
            }

            var count = Math.Min(bytes.Length, _buffer.Length - _position);
            bytes[..count].CopyTo(_buffer[_position..]);
            _position += count;
            bytes = bytes[count..];
        }
    }

    /// <summary>Writes a length prefix followed by the bytes.</summary>
    public void WriteLengthPrefixed(scoped ReadOnlySpan<byte> bytes)
    {
        WriteVarUInt32((uint)bytes.Length);
        WriteRaw(bytes);
    }

    /// <summary>Writes a length prefix followed by the UTF-8 bytes of <paramref name="value"/>.</summary>
    public void WriteUtf8(string value)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (maxBytes <= 512)
        {
            Span<byte> scratch = stackalloc byte[maxBytes];
            var count = Encoding.UTF8.GetBytes(value, scratch);
            WriteLengthPrefixed(scratch[..count]);
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt32((uint)byteCount);
        Ensure(byteCount);
        _position += Encoding.UTF8.GetBytes(value, _buffer[_position..]);
    }

    private void Ensure(int size)
    {
        if (_buffer.Length - _position < size)
        {
            Grow(size);
        }
    }

    private void Grow(int size)
    {
        _output.Advance(_position);
        _position = 0;
        _buffer = _output.GetSpan(Math.Max(size, MinimumSegment));
    }
}
