using System.Globalization;

namespace GameCluster.Membership;

/// <summary>
/// The membership table in process memory, for the embedded one-silo default and tests. Same semantics as the
/// Redis table: inserts and updates are compare-and-swap on the table version (and the row ETag for updates),
/// heartbeats change neither. Thread-safe; every read is a consistent snapshot.
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, MembershipRow> _rows = [];
    private TableVersion _version = new(0, "0");

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            List<MembershipRow> rows = [.. _rows.Values];
            rows.Sort(static (a, b) => string.CompareOrdinal(a.Entry.Silo.ToString(), b.Entry.Silo.ToString()));
            return Task.FromResult(new MembershipTableData(rows, _version));
        }
    }

    /// <inheritdoc />
    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!IsSuccessorOfCurrent(version) || _rows.ContainsKey(entry.Silo))
            {
                return Task.FromResult(false);
            }

            Write(entry, version);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(etag);
        ArgumentNullException.ThrowIfNull(version);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!IsSuccessorOfCurrent(version) || !_rows.TryGetValue(entry.Silo, out var current) || current.ETag != etag)
            {
                return Task.FromResult(false);
            }

            Write(entry, version);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The table has no row for <paramref name="silo"/>.</exception>
    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_rows.TryGetValue(silo, out var current))
            {
                return Task.FromException(new InvalidOperationException($"The in-memory membership table has no row for silo {silo}; insert it before heartbeating."));
            }

            _rows[silo] = current with { Entry = current.Entry with { IAmAliveTime = time } };
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task CleanupDefunctEntriesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            foreach (var (silo, row) in _rows.ToList())
            {
                var entry = row.Entry;
                var lastSeen = entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime;
                if (entry.Status == MembershipStatus.Dead && lastSeen < before)
                {
                    _rows.Remove(silo);
                }
            }
        }

        return Task.CompletedTask;
    }

    private bool IsSuccessorOfCurrent(TableVersion version) =>
        version.ETag == _version.ETag && version.Version == _version.Version + 1;

    private void Write(MembershipEntry entry, TableVersion version)
    {
        // Copy the votes: the caller's list may be mutable, the stored row must not change behind the table's back.
        var stored = entry with { Suspicions = [.. entry.Suspicions] };
        _rows[entry.Silo] = new MembershipRow(stored, Guid.NewGuid().ToString("N"));
        _version = new TableVersion(version.Version, version.Version.ToString(CultureInfo.InvariantCulture));
    }
}
