using System.Collections.Immutable;
using System.Globalization;
using ClusterReady.Generators.Emit;
using ClusterReady.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ClusterReady.Generators.Analyzers;

/// <summary>Pod security settings that leave the Pod Security Standards "restricted" profile, or that cannot start at all.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PodSecurityAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.RunsAsRoot,
        DiagnosticDescriptors.PrivilegeEscalation,
        DiagnosticDescriptors.InvalidRunAsUser,
        DiagnosticDescriptors.ServiceAccountTokenMounted);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        ServiceAnalysis.Register(context, Analyze);
    }

    private static void Analyze(ServiceAnalysisContext context)
    {
        if (context.Service.Single(KnownAttributes.PodSecurity) is not { } security)
        {
            return;
        }

        var user = security.Read.Long("RunAsUser");
        var nonRoot = security.Read.Bool("RunAsNonRoot") ?? true;
        var defaultUser = DeploymentDefaults.RunAsUser.ToString(CultureInfo.InvariantCulture);
        if (user is < 0 or > int.MaxValue)
        {
            context.Report(
                DiagnosticDescriptors.InvalidRunAsUser, security.LocationOf("RunAsUser"), ServiceAnalysis.Replacements(new[] { defaultUser }),
                user.Value.ToString(CultureInfo.InvariantCulture), "is not a user id: use 0 to 2147483647, such as the .NET images' app user " + defaultUser);
        }
        else if (user == 0 && nonRoot)
        {
            context.Report(
                DiagnosticDescriptors.InvalidRunAsUser, security.LocationOf("RunAsUser"), ServiceAnalysis.Replacements(new[] { defaultUser }),
                "0", "is root, which RunAsNonRoot = true forbids, so the kubelet refuses to start the container: use the .NET images' app user " + defaultUser);
        }

        if (!nonRoot)
        {
            context.Report(DiagnosticDescriptors.RunsAsRoot, security.LocationOf("RunAsNonRoot"), "RunAsNonRoot", "false");
        }

        if (security.Read.Bool("AllowPrivilegeEscalation") == true)
        {
            context.Report(DiagnosticDescriptors.PrivilegeEscalation, security.LocationOf("AllowPrivilegeEscalation"));
        }

        if (security.Read.Bool("AutomountServiceAccountToken") == true)
        {
            context.Report(DiagnosticDescriptors.ServiceAccountTokenMounted, security.LocationOf("AutomountServiceAccountToken"));
        }
    }
}
