using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ClusterReady.Generators.Analyzers;

/// <summary>One port the app's code or environment makes Kestrel listen on.</summary>
/// <param name="Port">The TCP port.</param>
/// <param name="Loopback">True when bound to the loopback interface only (localhost, 127.0.0.1, [::1]).</param>
/// <param name="Kestrel">True for an endpoint set up in code on <c>KestrelServerOptions</c>, which replaces every other address.</param>
/// <param name="Where">How the user wrote it, for the message: <c>UseUrls("http://*:5000")</c>.</param>
/// <param name="Location">The argument that holds the value.</param>
internal sealed record ListenSite(int Port, bool Loopback, bool Kestrel, string Where, Location Location);

/// <summary>
/// Where an ASP.NET Core app is told to listen: the URL and port settings (environment variables, <c>UseUrls</c>,
/// <c>UseSetting</c>, <c>app.Urls.Add</c>, <c>app.Run(url)</c>) and Kestrel endpoints set up in code
/// (<c>ListenAnyIP</c>, <c>ListenLocalhost</c>, <c>Listen</c>). Only constant values are read.
/// </summary>
internal static class ListenAddresses
{
    private const string KestrelServerOptions = "Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions";
    private const string WebApplication = "Microsoft.AspNetCore.Builder.WebApplication";
    private const string WebHostBuilderExtensions = "Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions";
    private const string WebHostBuilder = "Microsoft.AspNetCore.Hosting.IWebHostBuilder";

    /// <summary>The method names worth binding: a cheap filter before the semantic model is asked.</summary>
    public static bool IsCandidate(string name, InvocationExpressionSyntax invocation) => name switch
    {
        "UseUrls" or "UseSetting" or "ListenAnyIP" or "ListenLocalhost" or "Listen" => true,
        "Run" or "RunAsync" => invocation.ArgumentList.Arguments.Count > 0,
        "Add" => invocation.Expression is MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Urls" } },
        _ => false,
    };

    /// <summary>
    /// The ports <paramref name="invocation"/> makes the app listen on. <paramref name="unknownKestrelEndpoint"/> is
    /// true for a Kestrel endpoint whose port is not a constant: the endpoints set in code are then not all known.
    /// </summary>
    public static List<ListenSite> Read(IInvocationOperation invocation, out bool unknownKestrelEndpoint)
    {
        var sites = new List<ListenSite>();
        unknownKestrelEndpoint = false;
        var method = invocation.TargetMethod;
        var type = method.ContainingType?.ToDisplayString();
        switch (method.Name)
        {
            case "UseUrls" when type == WebHostBuilderExtensions:
                foreach (var argument in invocation.Arguments)
                {
                    foreach (var (text, syntax) in Strings(argument))
                    {
                        AddUrls(sites, text, "UseUrls(" + syntax + ")", syntax.GetLocation());
                    }
                }

                break;
            case "UseSetting" when type == WebHostBuilder || Implements(method.ContainingType, WebHostBuilder):
                if (Argument(invocation, "key") is { ConstantValue: { HasValue: true, Value: string key } }
                    && Argument(invocation, "value") is { ConstantValue: { HasValue: true, Value: string value } } valueOperation)
                {
                    var where = "UseSetting(" + Argument(invocation, "key")!.Syntax + ", " + valueOperation.Syntax + ")";
                    AddSetting(sites, key, value, where, valueOperation.Syntax.GetLocation());
                }

                break;
            case "Add" when invocation.Instance is IPropertyReferenceOperation { Property: { Name: "Urls" } urls } && urls.ContainingType?.ToDisplayString() == WebApplication:
                if (invocation.Arguments.Length == 1 && Unwrap(invocation.Arguments[0].Value) is { ConstantValue: { HasValue: true, Value: string url } } added)
                {
                    AddUrls(sites, url, "Urls.Add(" + added.Syntax + ")", added.Syntax.GetLocation());
                }

                break;
            case "Run" or "RunAsync" when type == WebApplication:
                if (Argument(invocation, "url") is { ConstantValue: { HasValue: true, Value: string runUrl } } runArgument)
                {
                    AddUrls(sites, runUrl, method.Name + "(" + runArgument.Syntax + ")", runArgument.Syntax.GetLocation());
                }

                break;
            case "ListenAnyIP" or "ListenLocalhost" or "Listen" when type == KestrelServerOptions:
                if (!ReadKestrelEndpoint(invocation, out var port, out var loopback, out var portSyntax))
                {
                    unknownKestrelEndpoint = method.Name != "Listen" || IsIpEndpoint(invocation);
                    break;
                }

                sites.Add(new ListenSite(port, loopback, Kestrel: true, KestrelCall(invocation), portSyntax.GetLocation()));
                break;
        }

        return sites;
    }

    /// <summary>True for the names under which ASP.NET Core reads its URLs or ports from configuration, ignoring case.</summary>
    public static bool IsSettingName(string name) => SettingKind(name) is not null;

    /// <summary>The sites an environment variable or host setting <paramref name="name"/> = <paramref name="value"/> makes.</summary>
    public static void AddSetting(List<ListenSite> sites, string name, string value, string where, Location location)
    {
        switch (SettingKind(name))
        {
            case "urls":
                AddUrls(sites, value, where, location);
                break;
            case "ports":
                foreach (var part in value.Split(';'))
                {
                    if (int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
                    {
                        sites.Add(new ListenSite(port, Loopback: false, Kestrel: false, where, location));
                    }
                }

                break;
        }
    }

    /// <summary>
    /// "urls" for URLS, ASPNETCORE_URLS, DOTNET_URLS (a ';'-separated URL list), "ports" for HTTP_PORTS and
    /// HTTPS_PORTS with or without those prefixes (a ';'-separated port list), null for anything else.
    /// </summary>
    private static string? SettingKind(string name)
    {
        var key = name.ToUpperInvariant();
        foreach (var prefix in new[] { "ASPNETCORE_", "DOTNET_" })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                key = key.Substring(prefix.Length);
                break;
            }
        }

        return key switch
        {
            "URLS" => "urls",
            "HTTP_PORTS" or "HTTPS_PORTS" => "ports",
            _ => null,
        };
    }

    /// <summary>Each URL of a ';'-separated list, with its port (80 or 443 when none is written) and whether its host is loopback.</summary>
    private static void AddUrls(List<ListenSite> sites, string urls, string where, Location location)
    {
        foreach (var part in urls.Split(';'))
        {
            if (TryParseUrl(part.Trim(), out var port, out var loopback))
            {
                sites.Add(new ListenSite(port, loopback, Kestrel: false, where, location));
            }
        }
    }

    /// <summary>"http://+:5000" -> 5000; "https://localhost" -> 443, loopback. Unix sockets, named pipes and port 0 are skipped.</summary>
    internal static bool TryParseUrl(string url, out int port, out bool loopback)
    {
        port = 0;
        loopback = false;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return false;
        }

        var scheme = url.Substring(0, schemeEnd).ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            return false;
        }

        var authority = url.Substring(schemeEnd + 3);
        var slash = authority.IndexOf('/');
        if (slash >= 0)
        {
            authority = authority.Substring(0, slash);
        }

        string host;
        string? portText = null;
        if (authority.StartsWith("[", StringComparison.Ordinal))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = authority.Substring(0, close + 1);
            if (close + 1 < authority.Length)
            {
                if (authority[close + 1] != ':')
                {
                    return false;
                }

                portText = authority.Substring(close + 2);
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority.Substring(0, colon) : authority;
            portText = colon >= 0 ? authority.Substring(colon + 1) : null;
        }

        if (host.Length == 0 || host.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) || host.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (portText is null)
        {
            port = scheme == "https" ? 443 : 80;
        }
        else if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is <= 0 or > 65535)
        {
            return false;
        }

        loopback = IsLoopbackHost(host);
        return true;
    }

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || host == "[::1]" || host == "::1"
        || host.StartsWith("127.", StringComparison.Ordinal);

    /// <summary>The port (and whether the address is loopback) of ListenAnyIP(port), ListenLocalhost(port), Listen(address, port) or Listen(new IPEndPoint(address, port)).</summary>
    private static bool ReadKestrelEndpoint(IInvocationOperation invocation, out int port, out bool loopback, out SyntaxNode portSyntax)
    {
        port = 0;
        loopback = invocation.TargetMethod.Name == "ListenLocalhost";
        portSyntax = invocation.Syntax;
        IOperation? portOperation = Argument(invocation, "port");
        IOperation? address = Argument(invocation, "address");
        if (portOperation is null && Argument(invocation, "endPoint") is IObjectCreationOperation { Constructor: { } constructor } endPoint
            && constructor.ContainingType?.ToDisplayString() == "System.Net.IPEndPoint")
        {
            foreach (var argument in endPoint.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "port":
                        portOperation = Unwrap(argument.Value);
                        break;
                    case "address":
                        address = Unwrap(argument.Value);
                        break;
                }
            }
        }

        if (portOperation is not { ConstantValue: { HasValue: true, Value: int value } } || value is <= 0 or > 65535)
        {
            return false;
        }

        port = value;
        portSyntax = portOperation.Syntax;
        loopback |= address is not null && IsLoopbackAddress(address);
        return true;
    }

    /// <summary>Listen(EndPoint) with something other than an IPEndPoint (a Unix socket) opens no TCP port; an IPEndPoint built elsewhere is unknown.</summary>
    private static bool IsIpEndpoint(IInvocationOperation invocation) =>
        Argument(invocation, "endPoint") is not { } endPoint || endPoint.Type?.ToDisplayString() == "System.Net.IPEndPoint"
        || endPoint is not IObjectCreationOperation;

    /// <summary>IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("127.0.0.1") or ("::1").</summary>
    private static bool IsLoopbackAddress(IOperation address)
    {
        switch (Unwrap(address))
        {
            case IFieldReferenceOperation { Field: { Name: "Loopback" or "IPv6Loopback" } field } when field.ContainingType?.ToDisplayString() == "System.Net.IPAddress":
                return true;
            case IInvocationOperation { TargetMethod: { Name: "Parse" } parse } call when parse.ContainingType?.ToDisplayString() == "System.Net.IPAddress"
                && call.Arguments.Length == 1 && Unwrap(call.Arguments[0].Value).ConstantValue is { HasValue: true, Value: string text }:
                return text == "::1" || text.StartsWith("127.", StringComparison.Ordinal);
            default:
                return false;
        }
    }

    /// <summary>"ListenAnyIP(5000)": the method and its arguments other than the endpoint's configuration callback.</summary>
    private static string KestrelCall(IInvocationOperation invocation)
    {
        var text = new StringBuilder(invocation.TargetMethod.Name).Append('(');
        var first = true;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
            {
                continue;
            }

            text.Append(first ? "" : ", ").Append(argument.Value.Syntax);
            first = false;
        }

        return text.Append(')').ToString();
    }

    /// <summary>The constant strings of a params argument (each element) or of a single string argument, with their syntax.</summary>
    private static IEnumerable<(string Text, SyntaxNode Syntax)> Strings(IArgumentOperation argument)
    {
        var value = Unwrap(argument.Value);
        if (value is IArrayCreationOperation { Initializer: { } initializer })
        {
            foreach (var element in initializer.ElementValues)
            {
                if (Unwrap(element).ConstantValue is { HasValue: true, Value: string text })
                {
                    yield return (text, element.Syntax);
                }
            }
        }
        else if (value.ConstantValue is { HasValue: true, Value: string single })
        {
            yield return (single, value.Syntax);
        }
        else if (value.Syntax is CollectionExpressionSyntax collection && value.SemanticModel is { } model)
        {
            foreach (var element in collection.Elements)
            {
                if (element is ExpressionElementSyntax { Expression: { } expression } && model.GetConstantValue(expression) is { HasValue: true, Value: string text })
                {
                    yield return (text, expression);
                }
            }
        }
    }

    private static IOperation? Argument(IInvocationOperation invocation, string parameter)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameter && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return Unwrap(argument.Value);
            }
        }

        return null;
    }

    private static bool Implements(INamedTypeSymbol? type, string interfaceName)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (candidate.ToDisplayString() == interfaceName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value behind implicit conversions (string to string?, int to long), keeping a conversion that is itself constant.</summary>
    internal static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true, Operand: { } operand } && !operation.ConstantValue.HasValue)
        {
            operation = operand;
        }

        return operation;
    }
}
