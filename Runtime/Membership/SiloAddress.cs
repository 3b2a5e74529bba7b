using System.Globalization;

namespace GameCluster.Membership;

/// <summary>
/// A silo instance: where it listens for silo-to-silo and client traffic, and its generation (start time in
/// milliseconds), so a restarted silo on the same endpoint is a different silo.
/// </summary>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    // Silo addresses key the connection, membership and directory lookups of every remote call: hash once.
    private readonly int _hashCode = HashCode.Combine(StringComparer.Ordinal.GetHashCode(Host), Port, Generation);

    /// <summary>The host name or IP address.</summary>
    public string Host { get; } = Host;

    /// <summary>The port.</summary>
    public int Port { get; } = Port;

    /// <summary>The generation: the silo's start time in milliseconds.</summary>
    public long Generation { get; } = Generation;

    /// <summary>The endpoint, <c>host:port</c>.</summary>
    public string Endpoint => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc />
    public bool Equals(SiloAddress? other) =>
        ReferenceEquals(this, other)
        || (other is not null && _hashCode == other._hashCode && Port == other.Port && Generation == other.Generation && string.Equals(Host, other.Host, StringComparison.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode() => _hashCode;

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
