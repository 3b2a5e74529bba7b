using System.Globalization;

namespace GameCluster.Membership;

/// <summary>
/// A silo instance: where it listens for silo-to-silo and client traffic, and its generation (start time in
/// milliseconds), so a restarted silo on the same endpoint is a different silo.
/// </summary>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    /// <summary>The endpoint, <c>host:port</c>.</summary>
    public string Endpoint => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc />
    public override string ToString() => $"{Endpoint}@{Generation.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses the <c>host:port@generation</c> form produced by <see cref="ToString"/>.</summary>
    public static SiloAddress Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.LastIndexOf('@');
        var colon = at < 0 ? -1 : value.LastIndexOf(':', at);
        if (colon <= 0
            || !int.TryParse(value.AsSpan(colon + 1, at - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !long.TryParse(value.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
        {
            throw new FormatException($"'{value}' is not a silo address of the form host:port@generation.");
        }

        return new SiloAddress(value[..colon], port, generation);
    }
}
