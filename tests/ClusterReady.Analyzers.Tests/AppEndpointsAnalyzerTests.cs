using ClusterReady.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

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

    // The runtime's extension method with its options callback, and the option the runtime copies to HostOptions.
    private const string AddClusterReadyWithOptionsStub = """

        namespace ClusterReady.Hosting
        {
            public sealed class ClusterReadyOptions
            {
                public System.TimeSpan ShutdownTimeout { get; set; }
            }
        }

        namespace Microsoft.Extensions.Hosting
        {
            public static class ClusterReadyHostingExtensions
            {
                public static T AddClusterReady<T>(this T builder, System.Action<ClusterReady.Hosting.ClusterReadyOptions>? configure = null)
                    where T : IHostApplicationBuilder => builder;
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
    public Task A_probe_path_in_a_constant_by_name_or_beside_a_method_group_handler_is_seen() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            const string Live = "/healthz/live";
            var builder = WebApplication.CreateBuilder(args);
            builder.AddClusterReady();
            var app = builder.Build();
            app.MapGet({|CR3103:Live|}, () => "ok");
            app.MapGet(handler: () => "ok", {|CR3103:pattern: "/healthz/ready"|});
            app.MapGet({|CR3103:Paths.Startup|}, Handlers.Ok);
            app.MapGet("/orders", Handlers.Ok);
            app.MapGet(Paths.Orders, () => "orders");
            app.Run();

            static class Paths
            {
                public const string Startup = "/healthz/startup";
                public const string Orders = "/orders";
            }

            static class Handlers
            {
                public static string Ok() => "ok";
            }

            [ClusterReady.KubernetesService("orders-api")]
            public partial class Program;
            """ + AddClusterReadyStub, web: true, console: true, "CR3103");

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

    private const string DeclaredPorts = "8080 \"http\", 8081 \"management\", 8082 \"dns\" (UDP)";
    private const string DefaultPort = "8080 \"http\", the default for a web app";

    private static DiagnosticResult Undeclared(int location, string where, int port, string declared) =>
        new DiagnosticResult("CR3104", DiagnosticSeverity.Error).WithLocation(location).WithMessage(
            $"{where} makes the app listen on port {port}, which the manifest does not declare (it declares {declared}), so the Service and "
            + $"the probes, which connect to declared ports only, never reach it: declare it with [ContainerPort({port})] or remove the override");

    private static DiagnosticResult Loopback(int location, string where, string fix) =>
        new DiagnosticResult("CR3104", DiagnosticSeverity.Error).WithLocation(location).WithMessage(
            $"{where} makes the app listen on port 8080 on the loopback interface only, where the kubelet's probes and the Service's "
            + $"traffic, which arrive on the pod's IP address, cannot connect: listen on every interface, such as {fix}");

    // The defaults: drain 5 + shutdown timeout 20 + margin 5 = a grace period of 30 s, with AddClusterReady() draining.
    private static DiagnosticResult BeyondDefaultGracePeriod(int location, string where, int seconds) =>
        new DiagnosticResult("CR4005", DiagnosticSeverity.Error).WithLocation(location).WithMessage(
            $"{where} gives the host up to {seconds} s to stop, until {seconds + 5} s after SIGTERM (after the 5 s drain delay), which leaves less than "
            + "the 5 s margin of the pod's terminationGracePeriodSeconds of 30 s ([GracefulShutdown]: drain 5 + ShutdownTimeoutSeconds 20 + "
            + $"margin 5), so the kubelet can SIGKILL the process before that work and its logs are finished: set [GracefulShutdown(ShutdownTimeoutSeconds = {seconds})] "
            + "or lower this value (AddClusterReady() sets the host's timeout from the attribute, so the code need not)");

    [Fact]
    public Task A_port_the_code_listens_on_that_the_manifest_does_not_declare_is_an_error() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddClusterReady();
            builder.WebHost.UseUrls({|#0:"http://*:5000"|}, "http://+:8080");
            builder.WebHost.UseSetting("urls", {|#1:"http://0.0.0.0:5001"|});
            builder.WebHost.UseKestrel(o =>
            {
                o.ListenAnyIP({|#2:5002|});
                o.ListenAnyIP(8081);
            });
            var app = builder.Build();
            app.Urls.Add({|#3:"https://[::]:5003"|});
            app.Run({|#4:"http://*:5004"|});

            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.ContainerPort(8081, Name = "management", Management = true)]
            [ClusterReady.ContainerPort(8082, Name = "dns", Protocol = "UDP")]
            public partial class Program;
            """ + AddClusterReadyStub,
            web: true,
            console: true,
            [
                new DiagnosticResult("CR3104", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                    "UseUrls(\"http://*:5000\") makes the app listen on port 5000, which the manifest does not declare (it declares "
                    + "8080 \"http\", 8081 \"management\", 8082 \"dns\" (UDP)), so the Service and the probes, which connect to declared ports "
                    + "only, never reach it: declare it with [ContainerPort(5000)] or remove the override"),
                Undeclared(1, "UseSetting(\"urls\", \"http://0.0.0.0:5001\")", 5001, DeclaredPorts),
                Undeclared(2, "ListenAnyIP(5002)", 5002, DeclaredPorts),
                Undeclared(3, "Urls.Add(\"https://[::]:5003\")", 5003, DeclaredPorts),
                Undeclared(4, "Run(\"http://*:5004\")", 5004, DeclaredPorts),
            ],
            "CR3104");

    [Fact]
    public Task An_environment_variable_that_moves_the_port_is_an_error_and_the_default_port_counts_as_declared() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddClusterReady();
            builder.Build().Run();

            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.EnvironmentVariable("ASPNETCORE_URLS", {|#0:"http://+:5000"|})]
            [ClusterReady.EnvironmentVariable("ASPNETCORE_HTTP_PORTS", {|#1:"8080;9090"|})]
            [ClusterReady.EnvironmentVariable("DOTNET_URLS", "http://+:8080")]
            [ClusterReady.EnvironmentVariable("urls", {|#2:"http://*"|})]
            [ClusterReady.EnvironmentVariable("Logging__LogLevel__Default", "Information")]
            public partial class Program;
            """ + AddClusterReadyStub,
            web: true,
            console: true,
            [
                new DiagnosticResult("CR3104", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                    "[EnvironmentVariable(\"ASPNETCORE_URLS\", \"http://+:5000\")] makes the app listen on port 5000, which the manifest does not "
                    + "declare (it declares 8080 \"http\", the default for a web app), so the Service and the probes, which connect to declared "
                    + "ports only, never reach it: declare it with [ContainerPort(5000)] or remove the override"),
                Undeclared(1, "[EnvironmentVariable(\"ASPNETCORE_HTTP_PORTS\", \"8080;9090\")]", 9090, DefaultPort),
                Undeclared(2, "[EnvironmentVariable(\"urls\", \"http://*\")]", 80, DefaultPort),
            ],
            "CR3104");

    [Fact]
    public Task A_declared_port_on_the_loopback_interface_only_is_an_error() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddClusterReady();
            builder.WebHost.ConfigureKestrel(o =>
            {
                o.ListenLocalhost({|#0:8080|});
                o.Listen(IPAddress.Loopback, {|#1:8080|});
                o.Listen(new IPEndPoint(IPAddress.Parse("127.0.0.1"), {|#2:8080|}));
            });
            builder.WebHost.UseUrls({|#3:"http://localhost:8080"|});
            builder.Build().Run();

            [ClusterReady.KubernetesService("orders-api")]
            public partial class Program;
            """ + AddClusterReadyStub,
            web: true,
            console: true,
            [
                new DiagnosticResult("CR3104", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                    "ListenLocalhost(8080) makes the app listen on port 8080 on the loopback interface only, where the kubelet's probes and "
                    + "the Service's traffic, which arrive on the pod's IP address, cannot connect: listen on every interface, such as ListenAnyIP(8080)"),
                Loopback(1, "Listen(IPAddress.Loopback, 8080)", "ListenAnyIP(8080)"),
                Loopback(2, "Listen(new IPEndPoint(IPAddress.Parse(\"127.0.0.1\"), 8080))", "ListenAnyIP(8080)"),
                new DiagnosticResult("CR3104", DiagnosticSeverity.Error).WithLocation(3).WithMessage(
                    "UseUrls(\"http://localhost:8080\") makes the app listen on port 8080 on the loopback interface only, where the kubelet's "
                    + "probes and the Service's traffic, which arrive on the pod's IP address, cannot connect: listen on every interface, such as \"http://+:8080\""),
            ],
            "CR3104");

    [Fact]
    public Task Kestrel_endpoints_in_code_without_the_management_port_are_an_error() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddClusterReady();
            builder.WebHost.ConfigureKestrel(o => o.ListenAnyIP({|#0:8080|}));
            builder.Build().Run();

            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.ContainerPort(8081, Management = true)]
            public partial class Program;
            """ + AddClusterReadyStub,
            web: true,
            console: true,
            [
                new DiagnosticResult("CR3104", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                    "ListenAnyIP(8080) makes the app listen on the endpoints set in code only, which replace every other address, including "
                    + "the management port 8081 that AddClusterReady() adds for the health endpoints, so the probes connect to a closed port: "
                    + "listen on it in the same code, such as ListenAnyIP(8081)"),
            ],
            "CR3104");

    [Fact]
    public Task Declared_ports_on_every_interface_and_values_that_are_not_constants_are_fine() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using System.Net;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddClusterReady();
            builder.WebHost.UseUrls("http://*:8080", "http://+:8081");
            builder.WebHost.UseKestrel(o =>
            {
                o.ListenAnyIP(8080);
                o.Listen(IPAddress.Any, 8081);
                o.ListenAnyIP(int.Parse(args[0]));
            });
            var app = builder.Build();
            app.Urls.Add("http://[::]:8080");
            app.Urls.Add(args[1]);
            app.Run();

            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.ContainerPort(8080)]
            [ClusterReady.ContainerPort(8081, Management = true)]
            [ClusterReady.EnvironmentVariable("ASPNETCORE_HTTP_PORTS", "8080")]
            [ClusterReady.EnvironmentVariable("ASPNETCORE_URLS", "http://+:8080;http://*:8081")]
            public partial class Program;
            """ + AddClusterReadyStub, web: true, console: true, "CR3104");

    [Fact]
    public Task A_worker_does_not_read_the_ASP_NET_Core_port_variables() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            System.Console.WriteLine("working");

            [ClusterReady.KubernetesService("inventory-worker")]
            [ClusterReady.EnvironmentVariable("ASPNETCORE_URLS", "http://+:5000")]
            public partial class Program;
            """, web: false, console: true, "CR3104");

    [Fact]
    public Task A_host_shutdown_timeout_in_code_that_outlasts_the_grace_period_is_an_error() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.PostConfigure<HostOptions>(o => o.ShutdownTimeout = {|#0:TimeSpan.FromMinutes(1)|});
            builder.AddClusterReady(o => o.ShutdownTimeout = {|#1:TimeSpan.FromMilliseconds(25_500)|});
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = {|#2:TimeSpan.FromSeconds(60)|});
            builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = {|#3:new TimeSpan(0, 0, 45)|});
            builder.Build().Run();

            [ClusterReady.KubernetesService("orders-api")]
            public partial class Program;
            """ + AddClusterReadyWithOptionsStub,
            web: true,
            console: true,
            [
                BeyondDefaultGracePeriod(0, "HostOptions.ShutdownTimeout = TimeSpan.FromMinutes(1)", 60),
                new DiagnosticResult("CR4005", DiagnosticSeverity.Error).WithLocation(1).WithMessage(
                    "ClusterReadyOptions.ShutdownTimeout = TimeSpan.FromMilliseconds(25_500) gives the host up to 25.5 s to stop, until 30.5 s "
                    + "after SIGTERM (after the 5 s drain delay), which leaves less than the 5 s margin of the pod's terminationGracePeriodSeconds of 30 s "
                    + "([GracefulShutdown]: drain 5 + ShutdownTimeoutSeconds 20 + margin 5), so the kubelet can SIGKILL the process before "
                    + "that work and its logs are finished: "
                    + "set [GracefulShutdown(ShutdownTimeoutSeconds = 26)] or lower this value (AddClusterReady() sets the host's timeout from "
                    + "the attribute, so the code need not)"),
                new DiagnosticResult("CR4005", DiagnosticSeverity.Error).WithLocation(2).WithMessage(
                    "HostOptions.ShutdownTimeout = TimeSpan.FromSeconds(60) gives the host up to 60 s to stop, until 65 s after SIGTERM "
                    + "(after the 5 s drain delay), which leaves less than the 5 s margin of the pod's terminationGracePeriodSeconds of 30 s "
                    + "([GracefulShutdown]: drain 5 + ShutdownTimeoutSeconds 20 + margin 5), so the kubelet can SIGKILL the process before "
                    + "that work and its logs are finished: set "
                    + "[GracefulShutdown(ShutdownTimeoutSeconds = 60)] or lower this value (AddClusterReady() sets the host's timeout from the "
                    + "attribute, so the code need not)"),
                BeyondDefaultGracePeriod(3, "HostOptions.ShutdownTimeout = new TimeSpan(0, 0, 45)", 45),
            ],
            "CR4005");

    [Fact]
    public Task A_host_shutdown_timeout_within_the_grace_period_or_overridden_by_AddClusterReady_is_fine() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            // Registered before AddClusterReady(), whose own Configure<HostOptions> then sets the attribute's value; the
            // host setting is bound by a Configure<HostOptions> the builder registers first.
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(5));
            builder.WebHost.UseShutdownTimeout(TimeSpan.FromMinutes(10));
            builder.AddClusterReady();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60, 500));
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(args.Length));
            builder.Build().Run();

            // terminationGracePeriodSeconds = 5 + 61 + 5 = 71 s; the longest timeout above ends 5 + 60.5 = 65.5 s after SIGTERM.
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.GracefulShutdown(ShutdownTimeoutSeconds = 61)]
            public partial class Program;
            """ + AddClusterReadyStub, web: true, console: true, "CR4005");

    [Fact]
    public Task Without_AddClusterReady_the_host_starts_stopping_at_SIGTERM_without_a_drain_delay() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = {|#0:TimeSpan.FromSeconds(31)|});
            builder.WebHost.UseShutdownTimeout({|#1:TimeSpan.FromMinutes(1)|});
            builder.Build().Run();

            [ClusterReady.KubernetesService("orders-api")]
            public partial class Program;
            """,
            web: true,
            console: true,
            [
                new DiagnosticResult("CR4005", DiagnosticSeverity.Error).WithLocation(0).WithMessage(
                    "HostOptions.ShutdownTimeout = TimeSpan.FromSeconds(31) gives the host up to 31 s to stop, until 31 s after SIGTERM, which leaves "
                    + "less than the 5 s margin of the pod's terminationGracePeriodSeconds of 30 s ([GracefulShutdown]: drain 5 + "
                    + "ShutdownTimeoutSeconds 20 + margin 5), so the kubelet can SIGKILL the process before that work and its logs are finished: set [GracefulShutdown(ShutdownTimeoutSeconds = 31)] or "
                    + "lower this value (AddClusterReady() sets the host's timeout from the attribute, so the code need not)"),
                new DiagnosticResult("CR4005", DiagnosticSeverity.Error).WithLocation(1).WithArguments(
                    "UseShutdownTimeout(TimeSpan.FromMinutes(1))", "60", "60", "", "30", "5", "20", "5", "60"),
            ],
            "CR4005");

    [Fact]
    public Task A_host_shutdown_timeout_that_eats_into_the_margin_is_an_error_and_one_that_ends_at_it_is_fine() =>
        Verify<AppEndpointsAnalyzer>.DiagnosticsAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = {|#0:TimeSpan.FromSeconds(26)|});
            builder.Build().Run();

            // terminationGracePeriodSeconds = 5 + 20 + 10 = 35 s; without AddClusterReady() nothing drains, so 25 s
            // ends exactly at the 10 s margin and 26 s ends inside it, still 9 s before the kubelet's SIGKILL.
            [ClusterReady.KubernetesService("orders-api")]
            [ClusterReady.GracefulShutdown(MarginSeconds = 10)]
            public partial class Program;
            """,
            web: true,
            console: true,
            [
                new DiagnosticResult("CR4005", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
                    "HostOptions.ShutdownTimeout = TimeSpan.FromSeconds(26)", "26", "26", "", "35", "5", "20", "10", "26"),
            ],
            "CR4005");
}
