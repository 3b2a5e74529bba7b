using GameCluster.Hosting;

namespace GameCluster.Tests.Storage;

/// <summary>The grain storage contract, in process memory.</summary>
public sealed class MemoryGrainStorageContractTests : GrainStorageContractTests
{
    protected override void ConfigureStorage(ISiloBuilder silo) => silo.AddMemoryGrainStorage();
}
