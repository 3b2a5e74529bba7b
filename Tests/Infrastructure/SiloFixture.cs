namespace GameCluster.Tests.Infrastructure;

/// <summary>One silo shared by a test collection; tests use unique grain keys so they never see each other's grains.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private TestSilo? _silo;

    public TestSilo Silo => _silo ?? throw new InvalidOperationException("The silo has not started.");

    public IGrainFactory GrainFactory => Silo.GrainFactory;

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(configuration: new Dictionary<string, string?>
    {
        ["Messaging:ResponseTimeout"] = "00:00:10",
    });

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
