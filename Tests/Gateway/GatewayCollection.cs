namespace GameCluster.Tests.Gateway;

/// <summary>Tests that share one gateway process; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "Gateway";
}
