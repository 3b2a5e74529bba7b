namespace GameCluster.Membership;

/// <summary>A membership entry with the ETag it was read with.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="ETag">Its ETag, needed to update it.</param>
public sealed record MembershipRow(MembershipEntry Entry, string ETag);
