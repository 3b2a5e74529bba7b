namespace GameCluster;

/// <summary>
/// The identity of a grain: its grain type (for example <c>player</c>) and its key, both as strings.
/// Integer, Guid and compound keys are encoded into <see cref="Key"/> by <see cref="GrainKey"/>.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Whether this id was never assigned.</summary>
    public bool IsDefault => Type is null;

    /// <summary>
    /// A hash that is the same in every process and version (unlike <see cref="GetHashCode"/>): used to
    /// partition grains and reminders.
    /// </summary>
    public uint GetUniformHashCode()
    {
        var hash = 2166136261u;
        foreach (var c in Type)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash = (hash ^ '/') * 16777619u;
        foreach (var c in Key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";

    /// <summary>Parses the <c>type/key</c> form produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{value}' is not a grain id of the form type/key.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }
}
