using System.Collections.Immutable;

namespace GameCluster;

/// <summary>
/// Key/value pairs that flow with a logical call: set them before calling a grain and they are visible in that grain
/// and in every call it makes in turn. Values are strings so that they cross process boundaries unchanged.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<ImmutableDictionary<string, string>?> Values = new();

    /// <summary>The pairs of the current logical call; empty when none were set.</summary>
    public static IReadOnlyDictionary<string, string> Current =>
        Values.Value ?? ImmutableDictionary<string, string>.Empty;

    /// <summary>Sets a value for the rest of the current logical call.</summary>
    public static void Set(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        Values.Value = (Values.Value ?? ImmutableDictionary<string, string>.Empty).SetItem(key, value);
    }

    /// <summary>Reads a value, or <see langword="null"/> when it was not set.</summary>
    public static string? Get(string key) =>
        Values.Value is { } values && values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Removes a value.</summary>
    public static bool Remove(string key)
    {
        if (Values.Value is not { } values || !values.ContainsKey(key))
        {
            return false;
        }

        Values.Value = values.Remove(key);
        return true;
    }

    /// <summary>Removes every value.</summary>
    public static void Clear() => Values.Value = null;

    /// <summary>Captures the current values for a call.</summary>
    internal static ImmutableDictionary<string, string>? Capture() => Values.Value;

    /// <summary>Restores captured values at the start of a request.</summary>
    internal static void Restore(ImmutableDictionary<string, string>? values)
    {
        if (!ReferenceEquals(Values.Value, values))
        {
            Values.Value = values;
        }
    }
}
