using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The secret literal rules' verdicts as a user reads them: which plain variable is a secret by its name or its value,
/// the whole message (which never repeats the value), the argument it sits on, and the Secret and key handed to the
/// code fix, on declarations built without compiling source (the analyzers report the same findings:
/// SecretLiteralAnalyzerTests; the code fix applies them: MoveToSecretCodeFixTests).
/// </summary>
public sealed class SecretLiteralRulesTests
{
    [Theory]
    [InlineData("Db__Password", "hunter2!", "db-password")]
    [InlineData("STRIPE_API_KEY", "not-so-secret", "stripe-api-key")]
    [InlineData("Auth__ClientSecret", "abc", "auth-client-secret")]
    [InlineData("ConnectionStrings__Orders", "Server=db;Database=orders", "connection-strings-orders")]
    [InlineData("GITHUB_TOKEN", "something", "github-token")]
    public void A_secret_looking_name_with_a_value_that_could_be_one_is_refused_on_the_name(string name, string value, string key)
    {
        var finding = Assert.Single(Findings(Variable(name, value)));

        AssertFinding(
            finding, RuleCatalog.SecretNamedPlainVariable,
            $"EnvironmentVariable \"{name}\" looks like a secret, and its value would be written in plain text into the manifest and source control: move it to a Secret with [SecretEnvironmentVariable(\"{name}\", \"orders-api-secrets\", \"{key}\")]",
            new Site(1, "Name", -1), key);
    }

    [Theory]
    [InlineData("Server=db;User Id=orders;Password=s3cr3t;")]
    [InlineData("amqp://orders:s3cr3t@rabbitmq:5672/")]
    [InlineData("ghp_16C7e42F292c6912E7710c838347Ae178B4a")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    public void A_credential_looking_value_is_refused_on_the_value_whatever_the_name(string value)
    {
        var finding = Assert.Single(Findings(Variable("Orders__Upstream", value)));

        AssertFinding(
            finding, RuleCatalog.CredentialInPlainVariable,
            "The value of EnvironmentVariable \"Orders__Upstream\" looks like a credential (a password, key or token) and would be written in plain text into the manifest and source control: move it to a Secret with [SecretEnvironmentVariable(\"Orders__Upstream\", \"orders-api-secrets\", \"orders-upstream\")]",
            new Site(1, "Value", -1), "orders-upstream");
        Assert.DoesNotContain(value, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_under_a_secret_name_is_refused_once_as_a_credential()
    {
        var finding = Assert.Single(Findings(Variable("Db__Password", "Server=db;Password=hunter3-but-longer")));

        Assert.Equal(RuleCatalog.CredentialInPlainVariable.Id, finding.Rule.Id);
        Assert.Equal(new Site(1, "Value", -1), finding.Site);
        Assert.DoesNotContain("hunter", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Db__Password", "")]
    [InlineData("Password__RequiredLength", "12")]
    [InlineData("Auth__TokenEndpoint", "https://login.example.com/token")]
    [InlineData("Features__UseSecrets", "true")]
    [InlineData("Secrets__Path", "/var/run/secrets/orders")]
    [InlineData("Token__Lifetime", "00:30:00")]
    [InlineData("Logging__LogLevel__Default", "Information")]
    [InlineData("Orders__Upstream", "https://orders.example.com/api/v1")]
    [InlineData("Orders__Upstream", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    public void A_name_or_value_that_cannot_hold_a_credential_is_no_finding(string name, string value) =>
        Assert.Empty(Findings(Variable(name, value)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_variable_without_a_name_is_refused_without_a_Secret_and_key_for_the_code_fix(bool nullLiteral)
    {
        var service = Declarations.With(
            Declarations.Service(Variable("Orders__Upstream", "Server=db;Password=s3cr3t;")), 1,
            nullLiteral ? new DeclaredArgument("Name", ArgumentKind.Null, IsNullLiteral: true) : new DeclaredArgument("Name", ArgumentKind.String, Text: ""));

        var finding = Assert.Single(Findings(service));

        Assert.Equal(RuleCatalog.CredentialInPlainVariable.Id, finding.Rule.Id);
        Assert.Equal(
            "The value of EnvironmentVariable \"\" looks like a credential (a password, key or token) and would be written in plain text into the manifest and source control: move it to a Secret with [SecretEnvironmentVariable(\"\", \"orders-api-secrets\", \"value\")]",
            finding.Message);
        Assert.Equal(new Site(1, "Value", -1), finding.Site);
        Assert.Empty(finding.Properties);
    }

    [Fact]
    public void The_secret_is_named_after_the_service_as_a_valid_name_and_shared_by_every_variable()
    {
        var service = Declarations.With(
            Declarations.Service(Variable("Db__Password", "hunter2!"), Variable("Stripe__ApiKey", "sk-not-real")), 0,
            new DeclaredArgument("Name", ArgumentKind.String, Text: "Orders_API"));

        Assert.Equal(
            [("orders-api-secrets", "db-password"), ("orders-api-secrets", "stripe-api-key")],
            Findings(service).Select(f => (f.Properties[SecretLiteralRules.SecretNameProperty], f.Properties[SecretLiteralRules.SecretKeyProperty])));
    }

    [Fact]
    public void A_variable_read_from_a_Secret_is_no_finding() =>
        Assert.Empty(Findings(("SecretEnvironmentVariable", [("Name", "Db__Password"), ("SecretName", "orders-db"), ("Key", "password")])));

    private static void AssertFinding(Finding finding, Rule rule, string message, Site site, string key)
    {
        Assert.Equal(rule.Id, finding.Rule.Id);
        Assert.Equal(message, finding.Message);
        Assert.Equal(site, finding.Site);
        Assert.Equal(
            [new(SecretLiteralRules.SecretKeyProperty, key), new(SecretLiteralRules.SecretNameProperty, "orders-api-secrets")],
            finding.Properties.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static (string, (string, object)[]) Variable(string name, string value) => ("EnvironmentVariable", [("Name", name), ("Value", value)]);

    private static List<Finding> Findings(params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Findings(Declarations.Service(attributes));

    private static List<Finding> Findings(ServiceDeclaration service) => Declarations.Findings(service, SecretLiteralRules.Rules);
}
