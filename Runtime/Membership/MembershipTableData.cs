namespace GameCluster.Membership;

/// <summary>A consistent snapshot of the membership table.</summary>
/// <param name="Entries">Every row with its ETag.</param>
/// <param name="Version">The table version of the snapshot.</param>
public sealed record MembershipTableData(IReadOnlyList<MembershipRow> Entries, TableVersion Version);
