using GameCluster.Gateway;
using GameCluster.Grains;
using GameCluster.Hosting;

// The standalone gateway: a cluster client that finds the silos through Redis (Clustering:Redis:ConnectionString).
var builder = WebApplication.CreateBuilder(args);
builder.UseClusterClient(client => client
    .AddGrainAssembly(typeof(IPlayerGrain).Assembly)
    .UseRedisClustering());
builder.AddGateway();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapHealthChecks("/alive", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
app.MapGateway();
app.Run();
