namespace GameCluster.Membership;

/// <summary>
/// Where silos register and vote. Writes are compare-and-swap on both the row's ETag and the table version, so two
/// silos never overwrite each other's view: exactly one of two concurrent writers wins, the other re-reads.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Prepares the table (creates the version row when the cluster is new).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads every row and the table version.</summary>
    Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Inserts a row if no row exists for that silo and the table is still at <paramref name="version"/>'s predecessor; returns whether it won.</summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken);

    /// <summary>Replaces a row if its ETag is still <paramref name="etag"/> and the table is still at <paramref name="version"/>'s predecessor; returns whether it won.</summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken);

    /// <summary>Writes a heartbeat without a version check (heartbeats never conflict).</summary>
    Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Removes rows of dead silos whose last heartbeat is older than <paramref name="before"/>.</summary>
    Task CleanupDefunctEntriesAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
