using System.Collections.Immutable;
using GameCluster.GrainDirectory;
using GameCluster.Hosting;
using GameCluster.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.Membership;

/// <summary>
/// Keeps this silo in the membership table and watches its peers: joins (Joining), writes heartbeats, re-reads the
/// table, probes every peer, votes a peer suspect after consecutive missed probes and declares it dead once enough
/// votes are in. A silo that reads itself as dead stops at once.
/// </summary>
internal sealed partial class MembershipAgent(
    IMembershipTable table,
    LocalSilo localSilo,
    MembershipService membership,
    ConnectionManager connections,
    IOptions<MembershipOptions> options,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    ILogger<MembershipAgent> logger) : ISiloLifecycleParticipant, IDisposable
{
    private const int MaxWriteAttempts = 10;
    private readonly MembershipOptions _options = options.Value;
    private readonly Dictionary<SiloAddress, int> _missedProbes = [];
    private readonly HashSet<SiloAddress> _cleanedUp = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private volatile bool _declaredDead;
    private MembershipStatus? _ownStatus;

    public int Stage => SiloLifecycleStage.Membership;

    public string ParticipantName => "membership";

    private SiloAddress Self => localSilo.Address;

    public async Task OnStartAsync(CancellationToken cancellationToken)
    {
        await table.InitializeAsync(cancellationToken);
        await WriteOwnStatusAsync(MembershipStatus.Joining, cancellationToken);
        LogJoined(logger, Self);
        _loops.Add(RunPeriodicallyAsync(_options.RefreshInterval, RefreshAsync));
        _loops.Add(RunPeriodicallyAsync(_options.IAmAliveInterval, HeartbeatAsync));
        _loops.Add(RunPeriodicallyAsync(_options.ProbeInterval, ProbeAsync));
    }

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_declaredDead)
        {
            try
            {
                if (services.GetService(typeof(IGrainDirectory)) is IGrainDirectory directory)
                {
                    await directory.UnregisterSilosAsync([Self], cancellationToken);
                }

                await WriteOwnStatusAsync(MembershipStatus.Dead, cancellationToken);
                LogLeft(logger, Self);
            }
            catch (Exception exception)
            {
                LogWriteFailed(logger, exception, Self);
            }
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Writes this silo's status, retrying on write conflicts.</summary>
    public async Task WriteOwnStatusAsync(MembershipStatus status, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var data = await table.ReadAllAsync(cancellationToken);
            var now = timeProvider.GetUtcNow();
            var own = data.Entries.FirstOrDefault(r => r.Entry.Silo == Self);
            bool written;
            if (own is null)
            {
                written = await table.InsertRowAsync(
                    new MembershipEntry(Self, status, localSilo.Name, now, now, []), data.Version.Next(), cancellationToken);
            }
            else if (own.Entry.Status == MembershipStatus.Dead && status != MembershipStatus.Dead)
            {
                throw new InvalidOperationException($"Silo {Self} was declared dead by its peers; it cannot rejoin. Restart it.");
            }
            else
            {
                written = await table.UpdateRowAsync(own.Entry with { Status = status, IAmAliveTime = now }, own.ETag, data.Version.Next(), cancellationToken);
            }

            if (written)
            {
                _ownStatus = status;
                if (status == MembershipStatus.Joining)
                {
                    await RetireOlderGenerationsAsync(cancellationToken);
                }

                await RefreshAsync(cancellationToken);
                return;
            }

            if (attempt >= MaxWriteAttempts)
            {
                throw new InvalidOperationException($"Could not write status {status} of silo {Self} after {attempt} conflicting attempts.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), timeProvider, cancellationToken);
        }
    }

    private async Task RetireOlderGenerationsAsync(CancellationToken cancellationToken)
    {
        var data = await table.ReadAllAsync(cancellationToken);
        foreach (var row in data.Entries)
        {
            var silo = row.Entry.Silo;
            if (silo.Endpoint == Self.Endpoint && silo.Generation < Self.Generation && row.Entry.Status != MembershipStatus.Dead)
            {
                LogRetiring(logger, silo);
                await TryDeclareDeadAsync(silo, "restarted on the same endpoint", requireActiveVoter: false, cancellationToken);
            }
        }
    }

    private async Task RunPeriodicallyAsync(TimeSpan period, Func<CancellationToken, Task> action)
    {
        using var timer = new PeriodicTimer(period, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    await action(_stopping.Token);
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    LogLoopFailed(logger, exception, action.Method.Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var data = await table.ReadAllAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var own = data.Entries.FirstOrDefault(r => r.Entry.Silo == Self);
        if (own?.Entry.Status == MembershipStatus.Dead && !_declaredDead)
        {
            _declaredDead = true;
            LogDeclaredDead(logger, Self);
            lifetime.StopApplication();
        }

        if (own is null && _ownStatus is { } lost and not MembershipStatus.Dead && !_stopping.IsCancellationRequested)
        {
            // The table lost this silo's row (for example Redis restarted empty): write it again.
            LogRejoining(logger, Self);
            await WriteOwnStatusAsync(lost, cancellationToken);
            membership.RaiseOwnRowRestored();
            return;
        }

        var members = data.Entries.ToImmutableDictionary(static r => r.Entry.Silo, static r => r.Entry.Status);
        membership.Publish(new ClusterMembershipView(data.Version.Version, members));
        foreach (var row in data.Entries)
        {
            var silo = row.Entry.Silo;
            if (row.Entry.Status == MembershipStatus.Dead)
            {
                await OnDeadAsync(silo, cancellationToken);
            }
            else if (silo != Self && now - row.Entry.IAmAliveTime > _options.IAmAliveExpiration)
            {
                await TryDeclareDeadAsync(silo, $"no heartbeat for {now - row.Entry.IAmAliveTime}", requireActiveVoter: true, cancellationToken);
            }
        }
    }

    private Task HeartbeatAsync(CancellationToken cancellationToken) =>
        table.UpdateIAmAliveAsync(Self, timeProvider.GetUtcNow(), cancellationToken);

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        if (_ownStatus != MembershipStatus.Active || _declaredDead)
        {
            // Only active silos judge their peers: a joining or leaving silo may itself be the broken one.
            return;
        }

        var peers = membership.View.Members
            .Where(m => m.Key != Self && m.Value is MembershipStatus.Active or MembershipStatus.Joining or MembershipStatus.ShuttingDown)
            .Select(m => m.Key)
            .ToList();
        var results = await Task.WhenAll(peers.Select(p => connections.PingAsync(p, _options.ProbeTimeout, cancellationToken)));
        for (var i = 0; i < peers.Count; i++)
        {
            var peer = peers[i];
            if (results[i])
            {
                _missedProbes.Remove(peer);
                continue;
            }

            var missed = _missedProbes[peer] = _missedProbes.GetValueOrDefault(peer) + 1;
            LogMissedProbe(logger, peer, missed);
            if (missed >= _options.MissedProbesLimit)
            {
                await VoteAsync(peer, cancellationToken);
            }
        }

        foreach (var gone in _missedProbes.Keys.Except(peers).ToList())
        {
            _missedProbes.Remove(gone);
        }
    }

    private async Task VoteAsync(SiloAddress suspect, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var data = await table.ReadAllAsync(cancellationToken);
            var row = data.Entries.FirstOrDefault(r => r.Entry.Silo == suspect);
            if (row is null || row.Entry.Status == MembershipStatus.Dead || !IsActiveVoter(data))
            {
                return;
            }

            var now = timeProvider.GetUtcNow();
            var votes = row.Entry.Suspicions
                .Where(v => v.Voter != Self && now - v.Time < _options.VoteExpiration)
                .Append(new SuspicionVote(Self, now))
                .ToList();
            var otherActive = data.Entries.Count(r => r.Entry.Silo != suspect && r.Entry.Status == MembershipStatus.Active);
            var needed = Math.Max(1, Math.Min(_options.VotesForDeath, (otherActive + 1) / 2));
            var dead = votes.Count >= needed;
            var updated = dead
                ? row.Entry with { Status = MembershipStatus.Dead, Suspicions = [] }
                : row.Entry with { Suspicions = votes };
            if (await table.UpdateRowAsync(updated, row.ETag, data.Version.Next(), cancellationToken))
            {
                if (dead)
                {
                    LogDeclaringDead(logger, suspect, votes.Count);
                    await OnDeadAsync(suspect, cancellationToken);
                    await RefreshAsync(cancellationToken);
                }
                else
                {
                    LogVoted(logger, suspect, votes.Count, needed);
                }

                return;
            }
        }
    }

    private async Task TryDeclareDeadAsync(SiloAddress silo, string reason, bool requireActiveVoter, CancellationToken cancellationToken)
    {
        var data = await table.ReadAllAsync(cancellationToken);
        var row = data.Entries.FirstOrDefault(r => r.Entry.Silo == silo);
        if (row is null || row.Entry.Status == MembershipStatus.Dead || (requireActiveVoter && !IsActiveVoter(data)))
        {
            return;
        }

        if (await table.UpdateRowAsync(row.Entry with { Status = MembershipStatus.Dead, Suspicions = [] }, row.ETag, data.Version.Next(), cancellationToken))
        {
            LogDeclaredDeadBecause(logger, silo, reason);
            await OnDeadAsync(silo, cancellationToken);
        }
    }

    /// <summary>Whether this silo, as the table has it now, is active (a dead or joining silo must not judge others).</summary>
    private bool IsActiveVoter(MembershipTableData data)
    {
        var own = data.Entries.FirstOrDefault(r => r.Entry.Silo == Self)?.Entry.Status;
        if (own == MembershipStatus.Dead && !_declaredDead)
        {
            _declaredDead = true;
            LogDeclaredDead(logger, Self);
            lifetime.StopApplication();
        }

        return own == MembershipStatus.Active;
    }

    private async Task OnDeadAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        lock (_cleanedUp)
        {
            if (silo == Self || !_cleanedUp.Add(silo))
            {
                return;
            }
        }

        connections.Disconnect(silo, "declared dead");
        if (services.GetService(typeof(IGrainDirectory)) is IGrainDirectory directory)
        {
            await directory.UnregisterSilosAsync([silo], cancellationToken);
        }
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Silo {Silo} joined the cluster")]
    private static partial void LogJoined(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Silo {Silo} left the cluster")]
    private static partial void LogLeft(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Critical, Message = "Silo {Silo} was declared dead by its peers; stopping now")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Silo {Silo} missed {Missed} consecutive probes")]
    private static partial void LogMissedProbe(ILogger logger, SiloAddress silo, int missed);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Voted silo {Silo} suspect ({Votes} of {Needed} votes)")]
    private static partial void LogVoted(ILogger logger, SiloAddress silo, int votes, int needed);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Declared silo {Silo} dead with {Votes} votes")]
    private static partial void LogDeclaringDead(ILogger logger, SiloAddress silo, int votes);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Declared silo {Silo} dead: {Reason}")]
    private static partial void LogDeclaredDeadBecause(ILogger logger, SiloAddress silo, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Retiring {Silo}: this silo replaced it on the same endpoint")]
    private static partial void LogRetiring(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Membership task {Task} failed; retrying next period")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string task);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "The membership table has no row for {Silo}; writing it again")]
    private static partial void LogRejoining(ILogger logger, SiloAddress silo);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Error, Message = "Could not write the status of silo {Silo}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, SiloAddress silo);
}
