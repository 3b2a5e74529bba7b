using System.Diagnostics.Metrics;

namespace GameCluster.Gateway.Realtime;

/// <summary>Metrics of the realtime socket's connection-level upgrade (meter <see cref="MeterName"/>).</summary>
public sealed class RealtimeInstruments
{
    /// <summary>The gateway's meter.</summary>
    public const string MeterName = "GameCluster.Gateway";

    /// <summary>Outcome: a socket accepted below the HTTP pipeline.</summary>
    public const string Accepted = "accepted";

    /// <summary>Outcome: handed to the HTTP pipeline unread (see the <c>reason</c> tag).</summary>
    public const string FellThrough = "fell_through";

    /// <summary>Outcome: no complete request head within Kestrel's timeouts; the connection was closed.</summary>
    public const string TimedOut = "timed_out";

    /// <summary>Outcome: a complete upgrade refused (credential or rate limit, see <c>reason</c>); the HTTP pipeline answers it.</summary>
    public const string Refused = "refused";

    /// <summary>Outcome: the client reset or closed the connection before its request head was complete.</summary>
    public const string ClientLeft = "client_left";

    private readonly Counter<long> _upgrades;

    /// <summary>Creates the instruments.</summary>
    public RealtimeInstruments(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _upgrades = meter.CreateCounter<long>(
            "gamecluster.gateway.realtime.upgrades",
            "{connection}",
            "New connections seen by the connection-level upgrade, by outcome (and reason).");
    }

    /// <summary>Counts one connection's outcome; <paramref name="reason"/> only for fell_through and refused.</summary>
    public void Upgrade(string outcome, string? reason = null)
    {
        if (!_upgrades.Enabled)
        {
            return;
        }

        if (reason is null)
        {
            _upgrades.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
        else
        {
            _upgrades.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason));
        }
    }
}
