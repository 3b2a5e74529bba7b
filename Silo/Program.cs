using GameCluster.Gateway;
using GameCluster.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddGameSilo();
builder.AddGateway();

var app = builder.Build();
app.MapSiloEndpoints();
app.MapGateway();
app.Run();
