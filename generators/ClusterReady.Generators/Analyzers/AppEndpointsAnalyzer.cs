using System;
using ClusterReady.Model;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using ClusterReady.Generators.Emit;
using ClusterReady.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ClusterReady.Generators.Analyzers;

/// <summary>
/// Cross-checks the manifest with the app's code. Probes: <c>builder.AddClusterReady()</c> must be called (it serves
/// the probe endpoints); without it a web app must map the probe paths itself; with it, the app must not map them
/// again. Routes are seen only as constant strings passed to <c>MapGet</c>, <c>Map</c>, <c>MapHealthChecks</c> and
/// <c>UseHealthChecks</c>; route groups and computed paths are not followed. A route matters only when its path is a
/// probe's, so a route call is bound (its handler lambda with it: the costly part, issue 19) only at the end, when its
/// literal path is a probe path or its path is not a literal. Ports: the app must listen where the
/// manifest points (see <see cref="ListenAddresses"/>). Shutdown: a host shutdown timeout set in code must end within
/// the pod's grace period (see <see cref="HostShutdownTimeouts"/>). Only constants are read.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppEndpointsAnalyzer : DiagnosticAnalyzer
{
    private const string AddClusterReady = "AddClusterReady";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AddClusterReadyNotCalled,
        DiagnosticDescriptors.ProbePathNotServed,
        DiagnosticDescriptors.RouteShadowsProbe,
        DiagnosticDescriptors.ListeningPortNotDeclared,
        DiagnosticDescriptors.HostShutdownTimeoutBeyondGracePeriod);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Only an app hosts the runtime: a library that carries the attributes has nobody to call AddClusterReady().
            if (!ServiceAnalysis.ReferencesClusterReady(start.Compilation, out var app)
                || start.Compilation.Options.OutputKind is not (OutputKind.ConsoleApplication or OutputKind.WindowsApplication))
            {
                return;
            }

            var state = new State();
            var assemblyName = start.Compilation.AssemblyName ?? "app";
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    if (symbolContext.Symbol is INamedTypeSymbol type
                        && ServiceSyntax.Shared(symbolContext.Compilation, type, app, symbolContext.CancellationToken) is { } declaration)
                    {
                        state.Services.Add(declaration);
                    }
                },
                SymbolKind.NamedType);
            // A syntax action that looks at the method's name first, not an operation action: most invocations are of
            // other methods, and only these few are bound into operations.
            start.RegisterSyntaxNodeAction(nodeContext => state.Observe(nodeContext, app.IsWebApp), SyntaxKind.InvocationExpression);
            start.RegisterSyntaxNodeAction(state.ObserveAssignment, SyntaxKind.SimpleAssignmentExpression);
            start.RegisterCompilationEndAction(state.Report);
        });
    }

    private sealed class State
    {
        private int _addClusterReadyCalls;
        private int _unknownKestrelEndpoints;

        public ConcurrentBag<ServiceSyntax> Services { get; } = new();

        private ConcurrentBag<RouteSite> Routes { get; } = new();

        /// <summary>The route calls seen, not yet bound.</summary>
        private ConcurrentBag<RouteCall> RouteCalls { get; } = new();

        /// <summary>The statements that call AddClusterReady(), to tell which Configure&lt;HostOptions&gt; it overrides.</summary>
        private ConcurrentBag<StatementSyntax> AddClusterReadyStatements { get; } = new();

        private ConcurrentBag<ListenSite> Listens { get; } = new();

        private ConcurrentBag<ShutdownTimeoutSite> ShutdownTimeouts { get; } = new();

        public void Observe(SyntaxNodeAnalysisContext context, bool isWebApp)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            var name = invocation.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => null,
            };
            if (isWebApp && IsRouteMethod(name))
            {
                RouteCalls.Add(new RouteCall(invocation, context.SemanticModel, Literals(invocation.ArgumentList)));
                return;
            }

            var candidate = name == AddClusterReady || name == "UseShutdownTimeout"
                || (isWebApp && name is not null && ListenAddresses.IsCandidate(name, invocation));
            if (candidate)
            {
                if (context.SemanticModel.GetOperation(invocation, context.CancellationToken) is IInvocationOperation operation)
                {
                    Observe(operation, isWebApp);
                }
            }
        }

        private void Observe(IInvocationOperation invocation, bool isWebApp)
        {
            var method = invocation.TargetMethod;
            if (method.Name == AddClusterReady)
            {
                Interlocked.Increment(ref _addClusterReadyCalls);
                if (HostShutdownTimeouts.StatementOf(invocation.Syntax) is { } statement)
                {
                    AddClusterReadyStatements.Add(statement);
                }

                return;
            }

            if (HostShutdownTimeouts.Read(invocation) is { } timeout)
            {
                ShutdownTimeouts.Add(timeout);
                return;
            }

            if (isWebApp)
            {
                var sites = ListenAddresses.Read(invocation, out var unknownKestrelEndpoint);
                foreach (var site in sites)
                {
                    Listens.Add(site);
                }

                if (unknownKestrelEndpoint)
                {
                    Interlocked.Increment(ref _unknownKestrelEndpoints);
                }
            }
        }

        private void ObserveRoute(IInvocationOperation invocation)
        {
            // Only route calls get here (RouteCalls), by the name the call was written with.
            var method = invocation.TargetMethod;
            if (!IsAspNetCore(method))
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name is "pattern" or "path" && Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: string path })
                {
                    Routes.Add(new RouteSite(method.Name, path, argument.Syntax.GetLocation()));
                }
            }
        }

        public void ObserveAssignment(SyntaxNodeAnalysisContext context)
        {
            if (HostShutdownTimeouts.IsCandidate((AssignmentExpressionSyntax)context.Node)
                && context.SemanticModel.GetOperation(context.Node, context.CancellationToken) is ISimpleAssignmentOperation assignment
                && HostShutdownTimeouts.Read(assignment) is { } timeout)
            {
                ShutdownTimeouts.Add(timeout);
            }
        }

        public void Report(CompilationAnalysisContext context)
        {
            // Like the generator: with several service classes the first by name describes the deployment.
            ServiceSyntax? service = null;
            foreach (var candidate in Services)
            {
                if (service is null || string.CompareOrdinal(candidate.Spec.TypeName, service.Spec.TypeName) < 0)
                {
                    service = candidate;
                }
            }

            if (service is null)
            {
                return;
            }

            ReportListeningPorts(context, service);
            ReportShutdownTimeouts(context, service);
            var probes = Probes(service);
            BindRoutesToProbePaths(probes, context.CancellationToken);
            if (Volatile.Read(ref _addClusterReadyCalls) > 0)
            {
                foreach (var route in Routes)
                {
                    foreach (var probe in probes)
                    {
                        if (ProbeRules.SamePath(route.Path, probe.Path))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                DiagnosticDescriptors.RouteShadowsProbe, route.Location, route.Method, route.Path, probe.Kind, probe.Attribute));
                        }
                    }
                }

                return;
            }

            var paths = new List<string>();
            foreach (var probe in probes)
            {
                paths.Add(probe.Path);
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AddClusterReadyNotCalled, service.Service.Location, ServiceAnalysis.Quote(paths)));
            if (!service.Declaration.App.IsWebApp)
            {
                return;
            }

            foreach (var probe in probes)
            {
                var served = false;
                foreach (var route in Routes)
                {
                    served |= ProbeRules.SamePath(route.Path, probe.Path);
                }

                if (!served && ProbeRules.IsRequestPath(probe.Path))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProbePathNotServed, probe.Location, probe.Kind, probe.Path, probe.Consequence));
                }
            }
        }

        /// <summary>Binds the route calls whose path may be a probe's; the others cannot shadow or serve a probe.</summary>
        private void BindRoutesToProbePaths(List<ProbeSite> probes, CancellationToken cancellationToken)
        {
            foreach (var call in RouteCalls)
            {
                if (call.Literals is not null && !AnyProbePath(call.Literals, probes))
                {
                    continue;
                }

                if (call.Model.GetOperation(call.Invocation, cancellationToken) is IInvocationOperation operation)
                {
                    ObserveRoute(operation);
                }
            }
        }

        private static bool AnyProbePath(string[] literals, List<ProbeSite> probes)
        {
            foreach (var literal in literals)
            {
                foreach (var probe in probes)
                {
                    if (ProbeRules.SamePath(literal, probe.Path))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Each port the app listens on must be a declared TCP port and reachable from outside the container; Kestrel
        /// endpoints set in code replace every other address, so they must include the management port too.
        /// </summary>
        private void ReportListeningPorts(CompilationAnalysisContext context, ServiceSyntax service)
        {
            if (!service.Declaration.App.IsWebApp)
            {
                return;
            }

            var sites = new List<ListenSite>(Listens);
            foreach (var variable in service.Declaration.All(KnownAttributes.EnvironmentVariable))
            {
                if (variable.String("Name") is { } name && ListenAddresses.IsSettingName(name) && variable.String("Value") is { } value)
                {
                    var where = "[EnvironmentVariable(\"" + name + "\", \"" + value + "\")]";
                    ListenAddresses.AddSetting(sites, name, value, where, service.LocationOf(variable.LocationOf("Value")));
                }
            }

            var ports = service.Declaration.ResolvedPorts;
            var tcp = new List<int>();
            PortSpec? management = null;
            var declared = new List<string>();
            foreach (var port in ports)
            {
                var isTcp = port.Protocol is null || string.Equals(port.Protocol, ModelDefaults.Protocol, StringComparison.OrdinalIgnoreCase);
                if (isTcp)
                {
                    tcp.Add(port.Port);
                }

                management ??= port.Management ? port : null;
                declared.Add(Text(port.Port) + " \"" + port.Name + "\"" + (isTcp ? "" : " (" + port.Protocol + ")"));
            }

            var declaredText = (declared.Count == 0 ? "none" : string.Join(", ", declared))
                + (service.Spec.Ports.Count == 0 ? ", the default for a web app" : "");
            ListenSite? firstKestrel = null;
            var kestrelServesManagement = false;
            foreach (var site in sites)
            {
                if (site.Kestrel)
                {
                    kestrelServesManagement |= management is not null && site.Port == management.Port && !site.Loopback;
                    if (firstKestrel is null || Compare(site.Location, firstKestrel.Location) < 0)
                    {
                        firstKestrel = site;
                    }
                }

                if (!tcp.Contains(site.Port))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ListeningPortNotDeclared, site.Location, site.Where, "port " + Text(site.Port),
                        "which the manifest does not declare (it declares " + declaredText + "), so the Service and the probes, which connect to declared ports only, never reach it",
                        "declare it with [ContainerPort(" + Text(site.Port) + ")] or remove the override"));
                }
                else if (site.Loopback)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ListeningPortNotDeclared, site.Location, site.Where, "port " + Text(site.Port) + " on the loopback interface only",
                        "where the kubelet's probes and the Service's traffic, which arrive on the pod's IP address, cannot connect",
                        "listen on every interface, such as " + (site.Kestrel ? "ListenAnyIP(" + Text(site.Port) + ")" : "\"http://+:" + Text(site.Port) + "\"")));
                }
            }

            // Kestrel ignores the URLs (and the management port AddClusterReady() adds to them) once endpoints are set in code.
            if (firstKestrel is not null && management is not null && !kestrelServesManagement
                && Volatile.Read(ref _addClusterReadyCalls) > 0 && Volatile.Read(ref _unknownKestrelEndpoints) == 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ListeningPortNotDeclared, firstKestrel.Location, firstKestrel.Where, "the endpoints set in code only",
                    "which replace every other address, including the management port " + Text(management.Port) + " that AddClusterReady() adds for the health endpoints, so the probes connect to a closed port",
                    "listen on it in the same code, such as ListenAnyIP(" + Text(management.Port) + ")"));
            }
        }

        /// <summary>
        /// A shutdown timeout set in code that, after the drain delay, outlasts terminationGracePeriodSeconds. A
        /// Configure&lt;HostOptions&gt; registered before AddClusterReady() in the same statement list, and a host
        /// setting, are overridden by AddClusterReady()'s own Configure&lt;HostOptions&gt; and never take effect.
        /// </summary>
        private void ReportShutdownTimeouts(CompilationAnalysisContext context, ServiceSyntax service)
        {
            var shutdown = service.Spec.Shutdown;
            long drain = shutdown?.DrainDelaySeconds ?? ModelDefaults.DrainDelaySeconds;
            long timeout = shutdown?.ShutdownTimeoutSeconds ?? ModelDefaults.ShutdownTimeoutSeconds;
            long margin = shutdown?.MarginSeconds ?? ModelDefaults.ShutdownMarginSeconds;
            if (drain < 0 || timeout < 1 || margin < 0)
            {
                return; // CR4001
            }

            var grace = ShutdownBudget.GracePeriodSeconds(drain, timeout, margin);
            var clusterReady = Volatile.Read(ref _addClusterReadyCalls) > 0;

            // The drain delay is AddClusterReady()'s: without it the host starts stopping at SIGTERM.
            var drained = clusterReady ? drain : 0;
            foreach (var site in ShutdownTimeouts)
            {
                var end = drained + site.Seconds;
                if (ShutdownBudget.Overrun(drained, site.Seconds, margin, grace) <= 0 || (clusterReady && (site.ThroughConfiguration || IsOverriddenByAddClusterReady(site))))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.HostShutdownTimeoutBeyondGracePeriod, site.Location, site.Where, Seconds(site.Seconds), Seconds(end),
                    drained > 0 ? " (after the " + Text(drained) + " s drain delay)" : "", Text(grace), Text(drain), Text(timeout), Text(margin),
                    Text((long)Math.Ceiling(site.Seconds))));
            }
        }

        private bool IsOverriddenByAddClusterReady(ShutdownTimeoutSite site)
        {
            if (site.Registration is not { } registration || HostShutdownTimeouts.ListOf(registration) is not { } list)
            {
                return false;
            }

            foreach (var statement in AddClusterReadyStatements)
            {
                if (HostShutdownTimeouts.ListOf(statement) == list && statement.SpanStart > registration.SpanStart)
                {
                    return true;
                }
            }

            return false;
        }

        private static int Compare(Location left, Location right)
        {
            var byFile = string.CompareOrdinal(left.SourceTree?.FilePath, right.SourceTree?.FilePath);
            return byFile != 0 ? byFile : left.SourceSpan.Start.CompareTo(right.SourceSpan.Start);
        }

        private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string Seconds(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

        private static List<ProbeSite> Probes(ServiceSyntax service)
        {
            var probes = new List<ProbeSite>();
            Add(KnownAttributes.LivenessProbe, "liveness", ModelDefaults.LivenessPath, "the container is restarted over and over");
            Add(KnownAttributes.ReadinessProbe, "readiness", ModelDefaults.ReadinessPath, "the pod never receives traffic");
            Add(KnownAttributes.StartupProbe, "startup", ModelDefaults.StartupPath, "the container is killed before it has started");
            return probes;

            void Add(string metadataName, string kind, string defaultPath, string consequence)
            {
                var attribute = service.Single(metadataName);
                var name = metadataName.Substring(KnownAttributes.Namespace.Length + 1).Replace("Attribute", "");
                var path = service.Declaration.Single(metadataName)?.String("Path") ?? defaultPath;
                probes.Add(new ProbeSite(kind, name, path, attribute?.LocationOf("Path") ?? service.Service.Location, consequence));
            }
        }

        private static bool IsRouteMethod(string? name) => name is "MapGet" or "Map" or "MapHealthChecks" or "UseHealthChecks";

        /// <summary>
        /// The string literals among a call's arguments, when every other argument is a lambda or an anonymous method
        /// (a handler); null when some argument could be a path held in a constant.
        /// </summary>
        private static string[]? Literals(ArgumentListSyntax arguments)
        {
            var literals = new List<string>(1);
            foreach (var argument in arguments.Arguments)
            {
                switch (argument.Expression)
                {
                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                        literals.Add(literal.Token.ValueText);
                        break;
                    case AnonymousFunctionExpressionSyntax:
                        break;
                    default:
                        return null;
                }
            }

            return literals.ToArray();
        }

        private static bool IsAspNetCore(IMethodSymbol method)
        {
            for (var ns = method.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            {
                if (ns.ContainingNamespace is { IsGlobalNamespace: true })
                {
                    return ns.Name == "Microsoft" && method.ContainingNamespace.ToDisplayString().StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal);
                }
            }

            return false;
        }

        /// <summary>The literal behind implicit conversions, such as string to PathString.</summary>
        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation { Operand: { } operand })
            {
                if (operation.ConstantValue.HasValue)
                {
                    return operation;
                }

                operation = operand;
            }

            return operation;
        }
    }

    // Records, not value tuples: a collection over a value tuple gets no precompiled code, so the compiler's JIT compiles
    // it in every build that runs the analyzer (issue 19, docs/benchmarks.md "The compiler's cold compile").
    private sealed record RouteSite(string Method, string Path, Location Location);

    /// <summary>A route call as seen: its string literals, or null when an argument may be a path held in a constant.</summary>
    private sealed record RouteCall(InvocationExpressionSyntax Invocation, SemanticModel Model, string[]? Literals);

    private sealed record ProbeSite(string Kind, string Attribute, string Path, Location Location, string Consequence);
}
