using GameCluster.Gateway;
using GameCluster.Grains;
using GameCluster.Hosting;

// The standalone gateway: a cluster client that finds the silos through Redis (Clustering:Redis:ConnectionString).
// It hosts no grains, but the grain classes' assembly tells it which grain type implements each grain interface.
var builder = WebApplication.CreateBuilder(args);
builder.UseClusterClient(client => client
    .AddGrainAssembly(typeof(IPlayerGrain).Assembly)
    .AddGrainAssembly(typeof(GameCluster.Grains.Player.PlayerGrain).Assembly)
    .UseRedisClustering());
builder.AddGateway();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapHealthChecks("/alive", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
app.MapGateway();
app.Run();
