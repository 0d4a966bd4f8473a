using ClusterReady.Generators.Analyzers;

namespace ClusterReady.Analyzers.Tests;

/// <summary>Compiled as ASP.NET Core console apps against the real ASP.NET Core reference assemblies.</summary>
public sealed class AppEndpointsAnalyzerTests
{
    // The runtime's extension method, by the name the analyzer looks for.
    private const string AddClusterReadyStub = """

        namespace Microsoft.Extensions.Hosting
        {
            public static class ClusterReadyHostingExtensions
            {
                public static T AddClusterReady<T>(this T builder) where T : IHostApplicationBuilder => builder;
            }
        }
        """;

    [Fact]
    public Task A_route_that_maps_a_probe_path_warns_when_AddClusterReady_serves_it() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            builder.AddClusterReady();
            var app = builder.Build();
            app.MapGet({|CR3103:"/healthz/live"|}, () => "ok");
            app.MapHealthChecks({|CR3103:"/ready"|});
            app.UseHealthChecks({|CR3103:"/healthz/startup"|});
            app.MapGet("/orders", () => "orders");
            app.Run();

            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ReadinessProbe("/ready")]
            public partial class Program;
            """ + AddClusterReadyStub, web: true, console: true, "CR3103");

    [Fact]
    public Task Routes_and_AddClusterReady_are_seen_through_conditional_access_and_static_calls() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            ClusterReadyHostingExtensions.AddClusterReady(builder);
            WebApplication? app = builder.Build();
            app?.MapGet({|CR3103:"/healthz/ready"|}, () => "ok");
            EndpointRouteBuilderExtensions.MapGet(app!, {|CR3103:"/healthz/live"|}, () => "ok");
            app!.Run();

            [ClusterReady.KubernetesService("orders-api")]
            public partial class Program;
            """ + AddClusterReadyStub, web: true, console: true, "CR3101", "CR3103");

    [Fact]
    public Task AddClusterReady_and_no_colliding_route_is_clean() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddClusterReady();
            var app = builder.Build();
            app.MapGet("/orders", () => "orders");
            app.Run();

            [ClusterReady.KubernetesService("orders-api")]
            public partial class Program;
            """ + AddClusterReadyStub, web: true, console: true, "CR3101", "CR3102", "CR3103");

    [Fact]
    public Task A_worker_that_never_calls_AddClusterReady_warns() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            System.Console.WriteLine("working");

            [{|CR3101:ClusterReady.KubernetesService("inventory-worker")|}]
            public partial class Program;
            """, web: false, console: true, "CR3101", "CR3102");

    [Fact]
    public Task A_library_is_not_expected_to_call_AddClusterReady() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            [ClusterReady.KubernetesService("inventory-worker")]
            public class Deployment;
            """, "CR3101", "CR3102");

    [Fact]
    public Task Without_AddClusterReady_each_probe_path_the_app_does_not_map_is_an_error() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/healthz/startup");
            app.MapGet("healthz/ready", () => "ready");
            app.Run();

            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.LivenessProbe({|CR3102:"/live"|})]
            public partial class Program;
            """, web: true, console: true, "CR3102");

    [Fact]
    public Task Without_AddClusterReady_the_service_warns_once() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.CreateBuilder(args).Build();
            app.Run();

            [{|CR3101:ClusterReady.KubernetesService("orders-api")|}]
            public partial class Program;
            """, web: true, console: true, "CR3101");
}
