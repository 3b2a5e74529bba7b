using GameCluster.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddGateway();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapHealthChecks("/alive", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
app.MapGateway();
app.Run();
