// builder.AddClusterReady() is missing (CR3101), so the probe paths must be served by the app itself; it maps
// "/health" but not the startup probe's path (CR3102).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapGet("/", () => "misconfigured-api");
app.Run();
