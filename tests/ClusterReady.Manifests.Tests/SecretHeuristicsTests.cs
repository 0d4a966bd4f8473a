using System.Text.Json;
using ClusterReady.Manifests;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// Which settings of an appsettings file are refused as credentials, by their configuration path (<c>Section:Key</c>,
/// <c>Section:0</c> for a list item): a value that looks like one anywhere, or a credential's name with a value that
/// could be one; a list item by its value alone. The heuristics themselves are the analyzers' (SecretDetection).
/// </summary>
public sealed class SecretHeuristicsTests
{
    public static TheoryData<string, string[]> Files => new()
    {
        { """{ "Password": "hunter2" }""", ["Password"] },
        { """{ "Db": { "Password": "hunter2" } }""", ["Db:Password"] },
        { """{ "Db": { "Api_Key": "hunter2", "Host": "db" } }""", ["Db:Api_Key"] },
        { """{ "ConnectionStrings": { "Orders": "Host=db;Password=hunter2" } }""", ["ConnectionStrings:Orders"] },
        { """{ "Gateway": { "Url": "https://user:pw@payments.example.com/" } }""", ["Gateway:Url"] },
        { """{ "Hosts": [ "db", "Host=db;Password=hunter2" ] }""", ["Hosts:1"] },
        { """{ "A": [ { "B": [ [ "x", "Host=db;Password=hunter2" ] ] } ] }""", ["A:0:B:0:1"] },
        { """{ "Clients": [ { "Name": "shop", "ClientSecret": "s3cr3t-value" } ] }""", ["Clients:0:ClientSecret"] },
        { """{ "Password": "hunter2", "Orders": { "Token": "abc123xyz" }, "Keys": [ "Host=db;Pwd=hunter2" ] }""", ["Password", "Orders:Token", "Keys:0"] },
        // A list item has no name of its own: a password-like word in a list named Passwords is not enough.
        { """{ "Passwords": [ "hunter2" ] }""", [] },
        // A credential's name with a value that cannot be one: a switch, a number, a time, a file path, a URL without user info, nothing.
        { """{ "Password": "true", "Token": "30", "Secret": "00:05:00", "PasswordFile": "/run/secrets/db", "TokenUrl": "https://login.example.com/token", "Pwd": "" }""", [] },
        // Not strings: numbers, booleans and nulls are never credentials.
        { """{ "Password": 12345678, "Token": true, "Secret": null, "Nested": { "ApiKey": 1 } }""", [] },
        { """{ "Orders": { "PaymentGateway": "https://payments.example.com", "BatchSize": 50 } }""", [] },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void The_settings_that_look_like_credentials_are_found_by_their_configuration_path(string json, string[] expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, SecretHeuristics.FindInJson(document.RootElement, "").ToArray());
    }

    [Fact]
    public void A_path_given_is_the_prefix_of_every_path_found()
    {
        using var document = JsonDocument.Parse("""{ "Db": { "Password": "hunter2" }, "List": [ "Host=db;Password=hunter2" ] }""");

        Assert.Equal(["Section:Db:Password", "Section:List:0"], SecretHeuristics.FindInJson(document.RootElement, "Section").ToArray());
    }

    [Theory]
    [InlineData("Password", "hunter2", true)]
    [InlineData("Orders__ApiKey", "abc123xyz", true)]
    [InlineData("Connection", "Host=db;Password=hunter2", true)]
    [InlineData("Note", "Host=db;Password=hunter2", true)]
    [InlineData("Note", "hunter2", false)]
    [InlineData("Password", "false", false)]
    [InlineData("Password", "", false)]
    [InlineData("Host", "db.example.com", false)]
    public void A_setting_looks_secret_by_its_value_or_by_a_credential_s_name(string name, string value, bool expected)
    {
        Assert.Equal(expected, SecretHeuristics.LooksSecret(name, value));
    }
}
