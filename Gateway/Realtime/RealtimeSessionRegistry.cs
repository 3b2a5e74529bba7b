using System.Collections.Concurrent;

namespace GameCluster.Gateway.Realtime;

/// <summary>The sockets open on this gateway.</summary>
public sealed class RealtimeSessionRegistry
{
    private readonly ConcurrentDictionary<string, RealtimeSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>How many sockets are open.</summary>
    public int Count => _sessions.Count;

    /// <summary>The open sessions of <paramref name="playerId"/>.</summary>
    public IReadOnlyList<RealtimeSession> ForPlayer(string playerId) =>
        [.. _sessions.Values.Where(s => string.Equals(s.PlayerId, playerId, StringComparison.Ordinal))];

    /// <summary>The open session <paramref name="sessionId"/>, if it is on this gateway.</summary>
    public RealtimeSession? Find(string sessionId) => _sessions.GetValueOrDefault(sessionId);

    /// <summary>Every open session (a snapshot that sessions may leave meanwhile).</summary>
    public IEnumerable<RealtimeSession> All => _sessions.Values;

    internal void Add(RealtimeSession session) => _sessions[session.SessionId] = session;

    internal void Remove(RealtimeSession session) => _sessions.TryRemove(session.SessionId, out _);
}
