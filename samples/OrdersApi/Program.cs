using System.Collections.Concurrent;

var builder = WebApplication.CreateBuilder(args);
builder.AddClusterReady();
// [LatencyProfile]: the app's own endpoints are exercised (JIT, routing, serialization) before readiness answers 200.
builder.Services.AddWarmupRequests("/", "/orders");

var app = builder.Build();

var orders = new ConcurrentDictionary<int, Order>();
var nextId = 0;

app.MapGet("/", () => "orders-api");
app.MapGet("/orders", () => orders.Values.OrderBy(o => o.Id));
app.MapGet("/orders/{id:int}", (int id) => orders.TryGetValue(id, out var order) ? Results.Ok(order) : Results.NotFound());
app.MapPost("/orders", (NewOrder request) =>
{
    var order = new Order(Interlocked.Increment(ref nextId), request.Sku, request.Quantity);
    orders[order.Id] = order;
    return Results.Created($"/orders/{order.Id}", order);
});

app.Run();

internal sealed record NewOrder(string Sku, int Quantity);

internal sealed record Order(int Id, string Sku, int Quantity);
