namespace GameCluster.Storage;

/// <summary>A grain storage provider that deletes records past their expiry when asked (by <see cref="ExpiredStateSweeper"/>).</summary>
internal interface IExpiringGrainStorage
{
    /// <summary>The provider's name, for logs.</summary>
    string Name { get; }

    /// <summary>Deletes at most <paramref name="limit"/> records that expired at or before <paramref name="now"/>; returns how many it deleted.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
