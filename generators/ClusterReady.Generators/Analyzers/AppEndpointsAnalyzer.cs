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
/// Cross-checks the probes with the app's code: <c>builder.AddClusterReady()</c> must be called (it serves the
/// probe endpoints); without it a web app must map the probe paths itself; with it, the app must not map them again.
/// Routes are seen only as string literals passed to <c>MapGet</c>, <c>Map</c>, <c>MapHealthChecks</c> and
/// <c>UseHealthChecks</c>; route groups and computed paths are not followed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AppEndpointsAnalyzer : DiagnosticAnalyzer
{
    private const string AddClusterReady = "AddClusterReady";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AddClusterReadyNotCalled,
        DiagnosticDescriptors.ProbePathNotServed,
        DiagnosticDescriptors.RouteShadowsProbe);

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
                        && ServiceSyntax.TryCreate(type, app, symbolContext.CancellationToken) is { } declaration)
                    {
                        state.Services.Add(declaration);
                    }
                },
                SymbolKind.NamedType);
            // A syntax action that looks at the method's name first, not an operation action: most invocations are of
            // other methods, and only these few are bound into operations.
            start.RegisterSyntaxNodeAction(nodeContext => state.Observe(nodeContext, app.IsWebApp), SyntaxKind.InvocationExpression);
            start.RegisterCompilationEndAction(state.Report);
        });
    }

    private sealed class State
    {
        private int _addClusterReadyCalls;

        public ConcurrentBag<ServiceSyntax> Services { get; } = new();

        private ConcurrentBag<(string Method, string Path, Location Location)> Routes { get; } = new();

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
            if (name == AddClusterReady || (isWebApp && name is "MapGet" or "Map" or "MapHealthChecks" or "UseHealthChecks"))
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
                return;
            }

            if (!isWebApp || method.Name is not ("MapGet" or "Map" or "MapHealthChecks" or "UseHealthChecks") || !IsAspNetCore(method))
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name is "pattern" or "path" && Unwrap(argument.Value).ConstantValue is { HasValue: true, Value: string path })
                {
                    Routes.Add((method.Name, path, argument.Syntax.GetLocation()));
                }
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

            var probes = Probes(service);
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

        private static List<(string Kind, string Attribute, string Path, Location Location, string Consequence)> Probes(ServiceSyntax service)
        {
            var probes = new List<(string, string, string, Location, string)>();
            Add(KnownAttributes.LivenessProbe, "liveness", ModelDefaults.LivenessPath, "the container is restarted over and over");
            Add(KnownAttributes.ReadinessProbe, "readiness", ModelDefaults.ReadinessPath, "the pod never receives traffic");
            Add(KnownAttributes.StartupProbe, "startup", ModelDefaults.StartupPath, "the container is killed before it has started");
            return probes;

            void Add(string metadataName, string kind, string defaultPath, string consequence)
            {
                var attribute = service.Single(metadataName);
                var name = metadataName.Substring(KnownAttributes.Namespace.Length + 1).Replace("Attribute", "");
                var path = service.Declaration.Single(metadataName)?.String("Path") ?? defaultPath;
                probes.Add((kind, name, path, attribute?.LocationOf("Path") ?? service.Service.Location, consequence));
            }
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
}
