using GameCluster.Membership;

namespace GameCluster.Tests.Cluster;

/// <summary>The membership table contract against the in-process table.</summary>
public sealed class InMemoryMembershipTableTests : MembershipTableContractTests
{
    protected override ValueTask<IMembershipTable> CreateTableAsync() => ValueTask.FromResult<IMembershipTable>(new InMemoryMembershipTable());
}
