using GameCluster.GrainDirectory;

namespace GameCluster.Tests.Cluster;

/// <summary>The grain directory contract against the in-process directory.</summary>
public sealed class InMemoryGrainDirectoryTests : GrainDirectoryContractTests
{
    protected override ValueTask<IGrainDirectory> CreateDirectoryAsync() => ValueTask.FromResult<IGrainDirectory>(new InMemoryGrainDirectory());
}
