namespace GameCluster.Tests.Infrastructure;

/// <summary>Tests that share one in-memory silo.</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "Shared silo";
}
