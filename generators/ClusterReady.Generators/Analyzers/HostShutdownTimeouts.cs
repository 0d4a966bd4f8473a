using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ClusterReady.Generators.Analyzers;

/// <summary>One place where the app's code sets the host's shutdown timeout to a constant.</summary>
/// <param name="Seconds">The timeout.</param>
/// <param name="Where">How the user wrote it, for the message: <c>HostOptions.ShutdownTimeout = TimeSpan.FromSeconds(60)</c>.</param>
/// <param name="Location">The value.</param>
/// <param name="Registration">
/// The statement that registers it as one more <c>Configure&lt;HostOptions&gt;</c>, which AddClusterReady()'s own
/// registration overrides when it comes later; null when it applies whatever the order (PostConfigure,
/// <c>ClusterReadyOptions</c>).
/// </param>
/// <param name="ThroughConfiguration">
/// True for a host setting (<c>IWebHostBuilder.UseShutdownTimeout</c>): the host binds it in a Configure&lt;HostOptions&gt;
/// registered when the builder is created, so AddClusterReady() always overrides it.
/// </param>
internal sealed record ShutdownTimeoutSite(double Seconds, string Where, Location Location, StatementSyntax? Registration, bool ThroughConfiguration = false);

/// <summary>
/// Where code sets the host's shutdown timeout: an assignment to <c>HostOptions.ShutdownTimeout</c> (in
/// <c>Configure&lt;HostOptions&gt;</c>, <c>PostConfigure&lt;HostOptions&gt;</c>, <c>ConfigureHostOptions</c> or
/// anywhere else), to <c>ClusterReadyOptions.ShutdownTimeout</c> (the runtime copies it to the host), or
/// <c>IWebHostBuilder.UseShutdownTimeout(timeout)</c>. Only constant <c>TimeSpan</c>s are read.
/// </summary>
internal static class HostShutdownTimeouts
{
    private const string HostOptions = "Microsoft.Extensions.Hosting.HostOptions";
    private const string ClusterReadyOptions = "ClusterReady.Hosting.ClusterReadyOptions";
    private const string WebHostBuilderExtensions = "Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions";

    /// <summary>A cheap filter: the assignment's target is named ShutdownTimeout.</summary>
    public static bool IsCandidate(AssignmentExpressionSyntax assignment) => assignment.Left switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == "ShutdownTimeout",
        IdentifierNameSyntax name => name.Identifier.ValueText == "ShutdownTimeout",
        _ => false,
    };

    /// <summary>The timeout <paramref name="assignment"/> sets, or null.</summary>
    public static ShutdownTimeoutSite? Read(ISimpleAssignmentOperation assignment)
    {
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "ShutdownTimeout" } property })
        {
            return null;
        }

        var type = property.ContainingType?.ToDisplayString();
        if (type is not (HostOptions or ClusterReadyOptions) || !TryReadSeconds(assignment.Value, out var seconds))
        {
            return null;
        }

        var value = assignment.Value.Syntax;
        var where = property.ContainingType!.Name + ".ShutdownTimeout = " + value;
        return new ShutdownTimeoutSite(seconds, where, value.GetLocation(), type == HostOptions ? RegistrationOf(assignment.Syntax, assignment.SemanticModel) : null);
    }

    /// <summary>The timeout <c>UseShutdownTimeout(timeout)</c> on an <c>IWebHostBuilder</c> sets, or null.</summary>
    public static ShutdownTimeoutSite? Read(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name != "UseShutdownTimeout" || method.ContainingType?.ToDisplayString() != WebHostBuilderExtensions)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == "timeout" && TryReadSeconds(argument.Value, out var seconds))
            {
                var value = argument.Value.Syntax;
                return new ShutdownTimeoutSite(seconds, "UseShutdownTimeout(" + value + ")", value.GetLocation(), null, ThroughConfiguration: true);
            }
        }

        return null;
    }

    /// <summary>
    /// A constant TimeSpan in seconds: <c>TimeSpan.FromSeconds(60)</c> (and FromDays to FromTicks, with their
    /// optional smaller units), <c>new TimeSpan(0, 1, 0)</c>, <c>TimeSpan.Zero</c>.
    /// </summary>
    internal static bool TryReadSeconds(IOperation operation, out double seconds)
    {
        seconds = 0;
        switch (ListenAddresses.Unwrap(operation))
        {
            case IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation
                when IsTimeSpan(method.ContainingType) && method.Name.StartsWith("From", StringComparison.Ordinal):
                return Sum(invocation.Arguments, UnitOf(method.Name.Substring(4)), out seconds);
            case IObjectCreationOperation { Constructor: { } constructor } creation when IsTimeSpan(constructor.ContainingType):
                return Sum(creation.Arguments, null, out seconds);
            case IFieldReferenceOperation { Field: { Name: "Zero" } field } when IsTimeSpan(field.ContainingType):
                return true;
            default:
                return false;
        }
    }

    private static bool Sum(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, double? unit, out double seconds)
    {
        seconds = 0;
        foreach (var argument in arguments)
        {
            var scale = UnitOf(argument.Parameter?.Name) ?? unit;
            var value = ListenAddresses.Unwrap(argument.Value).ConstantValue;
            if (scale is null || !value.HasValue || value.Value is null or string or bool or char)
            {
                return false;
            }

            seconds += Convert.ToDouble(value.Value, CultureInfo.InvariantCulture) * scale.Value;
        }

        return true;
    }

    /// <summary>Seconds per unit, from a parameter name ("minutes") or the tail of a method name ("Minutes").</summary>
    private static double? UnitOf(string? name) => name?.ToLowerInvariant() switch
    {
        "days" => 86400,
        "hours" => 3600,
        "minutes" => 60,
        "seconds" => 1,
        "milliseconds" => 1e-3,
        "microseconds" => 1e-6,
        "ticks" => 1e-7,
        _ => null,
    };

    private static bool IsTimeSpan(INamedTypeSymbol? type) => type?.ToDisplayString() == "System.TimeSpan";

    /// <summary>
    /// For an assignment inside a lambda passed to Configure (not PostConfigure): the statement that calls Configure.
    /// Null for PostConfigure, which runs after every Configure whatever the order.
    /// </summary>
    private static StatementSyntax? RegistrationOf(SyntaxNode assignment, SemanticModel? model)
    {
        for (var node = assignment.Parent; node is not null; node = node.Parent)
        {
            if (node is AnonymousFunctionExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } })
            {
                var name = model?.GetSymbolInfo(call).Symbol?.Name;
                return name is not null && name.StartsWith("PostConfigure", StringComparison.Ordinal) ? null : StatementOf(call);
            }

            if (node is MemberDeclarationSyntax or LocalFunctionStatementSyntax)
            {
                break;
            }
        }

        return StatementOf(assignment);
    }

    /// <summary>The statement of a block or the top-level statement that holds <paramref name="node"/>.</summary>
    internal static StatementSyntax? StatementOf(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is StatementSyntax statement && statement.Parent is BlockSyntax or GlobalStatementSyntax)
            {
                return statement;
            }
        }

        return null;
    }

    /// <summary>The list <paramref name="statement"/> is part of: its block, or the compilation unit for a top-level statement.</summary>
    internal static SyntaxNode? ListOf(StatementSyntax statement) =>
        statement.Parent is GlobalStatementSyntax global ? global.Parent : statement.Parent;
}
