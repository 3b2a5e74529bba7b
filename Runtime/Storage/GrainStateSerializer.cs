using System.Text.Json;

namespace GameCluster.Storage;

/// <summary>
/// Turns grain state into JSON and back. JSON keeps stored state readable with psql or sqlite3, and tolerant of
/// change: unknown properties are ignored and missing ones keep their defaults.
/// </summary>
public sealed class GrainStateSerializer
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a serializer with web defaults (camelCase names).</summary>
    public GrainStateSerializer() : this(new JsonSerializerOptions(JsonSerializerDefaults.Web))
    {
    }

    /// <summary>Creates a serializer with the given options.</summary>
    public GrainStateSerializer(JsonSerializerOptions options)
    {
        _options = options;
        _options.MakeReadOnly(populateMissingResolver: true);
    }

    /// <summary>Serializes a state.</summary>
    public string Serialize<TState>(TState state) => JsonSerializer.Serialize(state, _options);

    /// <summary>Deserializes a state; a JSON null gives <paramref name="createDefault"/>'s value.</summary>
    public TState Deserialize<TState>(string json, Func<TState> createDefault) =>
        JsonSerializer.Deserialize<TState>(json, _options) ?? createDefault();
}
