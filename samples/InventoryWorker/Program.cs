using InventoryWorker;

var builder = Host.CreateApplicationBuilder(args);
builder.AddClusterReady();
builder.Services.AddHostedService<RestockWorker>();

var host = builder.Build();
host.Run();
