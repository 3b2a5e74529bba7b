using System.Collections.Immutable;

namespace GameCluster.Serialization;

/// <summary>
/// Codecs and copiers for collections. A collection is a nested object: field 0 holds the element count, then each
/// element is field 1 (dictionaries: keys are field 1 and values field 2, alternating). Null collections are null
/// fields.
/// </summary>
public static class CollectionCodecs
{
    private const int MaxPreallocation = 1 << 16;

    /// <summary>Writes a sequence.</summary>
    public static void WriteList<T>(ref Writer writer, uint fieldId, IEnumerable<T>? values, SerializerSession session, ValueWriter<T> write)
    {
        if (values is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteStartObject(fieldId);
        if (values.TryGetNonEnumeratedCount(out var count))
        {
            BuiltInCodecs.WriteField(ref writer, 0, count);
        }

        foreach (var value in values)
        {
            write(ref writer, 1, value, session);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes an immutable array.</summary>
    public static void WriteImmutableArray<T>(ref Writer writer, uint fieldId, ImmutableArray<T> values, SerializerSession session, ValueWriter<T> write)
    {
        if (values.IsDefault)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteStartObject(fieldId);
        BuiltInCodecs.WriteField(ref writer, 0, values.Length);
        foreach (var value in values)
        {
            write(ref writer, 1, value, session);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a sequence into a list, or null.</summary>
    public static List<T>? ReadList<T>(ref Reader reader, WireType wireType, SerializerSession session, ValueReader<T> read)
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        Reader.Expect(wireType, WireType.StartObject);
        List<T>? list = null;
        while (true)
        {
            var fieldType = reader.ReadTag(out var id);
            if (fieldType == WireType.EndObject)
            {
                return list ?? [];
            }

            switch (id)
            {
                case 0 when list is null:
                    list = new List<T>(Math.Clamp(BuiltInCodecs.ReadInt32(ref reader, fieldType), 0, MaxPreallocation));
                    break;
                case 1:
                    (list ??= []).Add(read(ref reader, fieldType, session));
                    break;
                default:
                    reader.SkipField(fieldType);
                    break;
            }
        }
    }

    /// <summary>Reads a sequence into an array, or null.</summary>
    public static T[]? ReadArray<T>(ref Reader reader, WireType wireType, SerializerSession session, ValueReader<T> read) =>
        ReadList(ref reader, wireType, session, read)?.ToArray();

    /// <summary>Reads a sequence into an immutable array (default when null).</summary>
    public static ImmutableArray<T> ReadImmutableArray<T>(ref Reader reader, WireType wireType, SerializerSession session, ValueReader<T> read) =>
        ReadList(ref reader, wireType, session, read) is { } list ? [.. list] : default;

    /// <summary>Reads a sequence into a hash set, or null.</summary>
    public static HashSet<T>? ReadHashSet<T>(ref Reader reader, WireType wireType, SerializerSession session, ValueReader<T> read) =>
        ReadList(ref reader, wireType, session, read) is { } list ? [.. list] : null;

    /// <summary>Writes a dictionary.</summary>
    public static void WriteDictionary<TKey, TValue>(
        ref Writer writer,
        uint fieldId,
        IEnumerable<KeyValuePair<TKey, TValue>>? values,
        SerializerSession session,
        ValueWriter<TKey> writeKey,
        ValueWriter<TValue> writeValue)
    {
        if (values is null)
        {
            writer.WriteNull(fieldId);
            return;
        }

        writer.WriteStartObject(fieldId);
        if (values.TryGetNonEnumeratedCount(out var count))
        {
            BuiltInCodecs.WriteField(ref writer, 0, count);
        }

        foreach (var pair in values)
        {
            writeKey(ref writer, 1, pair.Key, session);
            writeValue(ref writer, 2, pair.Value, session);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a dictionary, or null.</summary>
    public static Dictionary<TKey, TValue>? ReadDictionary<TKey, TValue>(
        ref Reader reader,
        WireType wireType,
        SerializerSession session,
        ValueReader<TKey> readKey,
        ValueReader<TValue> readValue)
        where TKey : notnull
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        Reader.Expect(wireType, WireType.StartObject);
        Dictionary<TKey, TValue>? dictionary = null;
        var hasKey = false;
        TKey key = default!;
        while (true)
        {
            var fieldType = reader.ReadTag(out var id);
            if (fieldType == WireType.EndObject)
            {
                return hasKey ? throw new WireFormatException("A dictionary key has no value.") : dictionary ?? [];
            }

            switch (id)
            {
                case 0 when dictionary is null:
                    dictionary = new Dictionary<TKey, TValue>(Math.Clamp(BuiltInCodecs.ReadInt32(ref reader, fieldType), 0, MaxPreallocation));
                    break;
                case 1 when !hasKey:
                    key = readKey(ref reader, fieldType, session);
                    hasKey = true;
                    break;
                case 2 when hasKey:
                    (dictionary ??= [])[key] = readValue(ref reader, fieldType, session);
                    hasKey = false;
                    break;
                case 1 or 2:
                    throw new WireFormatException("Dictionary keys and values must alternate.");
                default:
                    reader.SkipField(fieldType);
                    break;
            }
        }
    }

    /// <summary>Copies a sequence into a new list.</summary>
    public static List<T>? CopyList<T>(IEnumerable<T>? values, Func<T, T> copy)
    {
        if (values is null)
        {
            return null;
        }

        var list = values.TryGetNonEnumeratedCount(out var count) ? new List<T>(count) : [];
        foreach (var value in values)
        {
            list.Add(copy(value));
        }

        return list;
    }

    /// <summary>Copies an array.</summary>
    public static T[]? CopyArray<T>(T[]? values, Func<T, T> copy)
    {
        if (values is null)
        {
            return null;
        }

        var result = new T[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = copy(values[i]);
        }

        return result;
    }

    /// <summary>Copies an immutable array; its elements are copied only when they are mutable.</summary>
    public static ImmutableArray<T> CopyImmutableArray<T>(ImmutableArray<T> values, Func<T, T> copy) =>
        values.IsDefault ? values : [.. values.Select(copy)];

    /// <summary>Copies a set.</summary>
    public static HashSet<T>? CopyHashSet<T>(IEnumerable<T>? values, Func<T, T> copy) =>
        values is null ? null : [.. values.Select(copy)];

    /// <summary>Copies a dictionary.</summary>
    public static Dictionary<TKey, TValue>? CopyDictionary<TKey, TValue>(
        IEnumerable<KeyValuePair<TKey, TValue>>? values,
        Func<TKey, TKey> copyKey,
        Func<TValue, TValue> copyValue)
        where TKey : notnull
    {
        if (values is null)
        {
            return null;
        }

        var result = values.TryGetNonEnumeratedCount(out var count) ? new Dictionary<TKey, TValue>(count) : [];
        foreach (var pair in values)
        {
            result[copyKey(pair.Key)] = copyValue(pair.Value);
        }

        return result;
    }
}
