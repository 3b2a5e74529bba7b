using System.Globalization;

namespace GameCluster;

/// <summary>Encodes integer, Guid and compound keys into the string key of a <see cref="GrainId"/> and back.</summary>
public static class GrainKey
{
    private const char ExtensionSeparator = '+';

    /// <summary>The key string for a Guid key.</summary>
    public static string FromGuid(Guid key, string? keyExtension = null) =>
        keyExtension is null ? key.ToString("N") : string.Concat(key.ToString("N"), "+", keyExtension);

    /// <summary>The key string for an integer key.</summary>
    public static string FromInt64(long key, string? keyExtension = null) =>
        keyExtension is null
            ? key.ToString(CultureInfo.InvariantCulture)
            : string.Concat(key.ToString(CultureInfo.InvariantCulture), "+", keyExtension);

    /// <summary>Reads a Guid key (and its extension, if any).</summary>
    public static Guid ToGuid(string key, out string? keyExtension)
    {
        var primary = Split(key, out keyExtension);
        return Guid.TryParseExact(primary, "N", out var value)
            ? value
            : throw new FormatException($"Grain key '{key}' is not a Guid key.");
    }

    /// <summary>Reads an integer key (and its extension, if any).</summary>
    public static long ToInt64(string key, out string? keyExtension)
    {
        var primary = Split(key, out keyExtension);
        return long.TryParse(primary, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Grain key '{key}' is not an integer key.");
    }

    private static ReadOnlySpan<char> Split(string key, out string? keyExtension)
    {
        var separator = key.IndexOf(ExtensionSeparator, StringComparison.Ordinal);
        if (separator < 0)
        {
            keyExtension = null;
            return key;
        }

        keyExtension = key[(separator + 1)..];
        return key.AsSpan(0, separator);
    }
}
