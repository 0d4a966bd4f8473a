using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The pod security rules' verdicts as a user reads them: each finding's whole message, the argument it sits on and
/// the app user offered to the code fix, on declarations built without compiling source (the analyzers report the same
/// findings: SecurityAnalyzerTests). The edges are those of a user id (0 to 2147483647) and root under RunAsNonRoot.
/// </summary>
public sealed class PodSecurityRulesTests
{
    private const string NotAUserId = "is not a user id: use 0 to 2147483647, such as the .NET images' app user 1654";

    private const string RootForbidden = "is root, which RunAsNonRoot = true forbids, so the kubelet refuses to start the container: use the .NET images' app user 1654";

    [Theory]
    [InlineData(-1L, NotAUserId)]
    [InlineData(-2147483648L, NotAUserId)]
    [InlineData(2147483648L, NotAUserId)]
    [InlineData(3000000000L, NotAUserId)]
    [InlineData(0L, RootForbidden)]
    public void A_user_that_cannot_start_is_refused_with_the_app_user(long user, string problem)
    {
        var finding = Assert.Single(Findings([("RunAsUser", user)]));

        Assert.Equal(RuleCatalog.InvalidRunAsUser.Id, finding.Rule.Id);
        Assert.Equal($"PodSecurity.RunAsUser = {user} {problem}", finding.Message);
        Assert.Equal(new Site(1, "RunAsUser", -1), finding.Site);
        Assert.Equal("1654", Declarations.Replacements(finding));
    }

    [Fact]
    public void A_user_written_as_an_int_is_judged_like_a_long()
    {
        Assert.Equal(
            ["PodSecurity.RunAsUser = -1 " + NotAUserId, "PodSecurity.RunAsUser = 0 " + RootForbidden],
            Findings([("RunAsUser", -1)]).Concat(Findings([("RunAsUser", 0), ("RunAsNonRoot", true)])).Select(f => f.Message));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(1000L)]
    [InlineData(2147483647L)]
    public void A_user_id_other_than_root_is_no_finding(long user) => Assert.Empty(Findings([("RunAsUser", user)]));

    [Fact]
    public void Root_without_RunAsNonRoot_is_a_warning_on_RunAsNonRoot_and_no_error()
    {
        var finding = Assert.Single(Findings([("RunAsUser", 0), ("RunAsNonRoot", false)]));

        Assert.Equal(RuleCatalog.RunsAsRoot.Id, finding.Rule.Id);
        Assert.Equal(
            "PodSecurity.RunAsNonRoot = false lets the container run as root, which the Pod Security Standards 'restricted' profile forbids: keep RunAsNonRoot = true and the images' app user 1654",
            finding.Message);
        Assert.Equal(new Site(1, "RunAsNonRoot", -1), finding.Site);
        Assert.Equal("", Declarations.Replacements(finding));
    }

    [Fact]
    public void Every_setting_that_leaves_the_restricted_profile_is_reported_on_its_own_argument()
    {
        var findings = Findings([("RunAsUser", -5L), ("RunAsNonRoot", false), ("AllowPrivilegeEscalation", true), ("AutomountServiceAccountToken", true)]);

        Assert.Equal(
            [
                (RuleCatalog.InvalidRunAsUser.Id, new Site(1, "RunAsUser", -1), "PodSecurity.RunAsUser = -5 " + NotAUserId),
                (RuleCatalog.RunsAsRoot.Id, new Site(1, "RunAsNonRoot", -1),
                    "PodSecurity.RunAsNonRoot = false lets the container run as root, which the Pod Security Standards 'restricted' profile forbids: keep RunAsNonRoot = true and the images' app user 1654"),
                (RuleCatalog.PrivilegeEscalation.Id, new Site(1, "AllowPrivilegeEscalation", -1),
                    "PodSecurity.AllowPrivilegeEscalation = true lets setuid binaries gain privileges, which the Pod Security Standards 'restricted' profile forbids: remove it (the default is false)"),
                (RuleCatalog.ServiceAccountTokenMounted.Id, new Site(1, "AutomountServiceAccountToken", -1),
                    "PodSecurity.AutomountServiceAccountToken = true gives every process in the pod a token for the Kubernetes API: keep it false unless the app calls the API"),
            ],
            findings.Select(f => (f.Rule.Id, f.Site, f.Message)));
    }

    [Fact]
    public void The_restricted_defaults_written_or_not_are_no_finding()
    {
        Assert.Empty(Declarations.Findings(Declarations.Service(), PodSecurityRules.Rules));
        Assert.Empty(Findings([]));
        Assert.Empty(Findings([("ReadOnlyRootFilesystem", false), ("RunAsUser", 1000), ("RunAsNonRoot", true), ("AllowPrivilegeEscalation", false), ("AutomountServiceAccountToken", false)]));
    }

    private static List<Finding> Findings((string Name, object Value)[] arguments) =>
        Declarations.Findings(Declarations.Service(("PodSecurity", arguments)), PodSecurityRules.Rules);
}
