using System;
using System.Collections.Generic;
using System.Globalization;

namespace ClusterReady.Model.Rules;

/// <summary>
/// Heuristics for a credential written as a plain environment variable: a name that says it holds one
/// (<c>DB_PASSWORD</c>, <c>Stripe__ApiKey</c>, <c>ConnectionStrings__Orders</c>) or a value that looks like one
/// (a connection string with a password, a URL with user info, a private key, a well-known token format, a long
/// random string). Callers never repeat the value in a message.
/// </summary>
internal static class SecretDetection
{
    // Compared against the name with separators removed, lowercased: "Api_Key" and "apiKey" both read "apikey".
    private static readonly string[] SecretWords =
    {
        "password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "accesskey", "privatekey",
        "connectionstring", "credential", "signingkey", "encryptionkey", "clientsecret", "sharedaccesskey", "accountkey",
    };

    // Inside a connection string or similar "key=value;" text.
    private static readonly string[] CredentialAssignments =
    {
        "password=", "pwd=", "accountkey=", "sharedaccesskey=", "sharedaccesssignature=", "secret=", "apikey=", "token=",
    };

    private static readonly string[] TokenPrefixes =
    {
        "ghp_", "gho_", "ghu_", "ghs_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "sk_live_", "rk_live_", "sk-", "AKIA", "ASIA", "AIza",
    };

    /// <summary>True when the variable's name says it holds a credential and its value could be one.</summary>
    public static bool NameLooksSecret(string? name, string? value)
    {
        if (string.IsNullOrEmpty(name) || !CouldBeCredential(value))
        {
            return false;
        }

        var letters = new System.Text.StringBuilder(name!.Length);
        foreach (var c in name)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                letters.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                letters.Append((char)(c + ('a' - 'A')));
            }
        }

        var compact = letters.ToString();
        foreach (var word in SecretWords)
        {
            if (compact.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the value itself looks like a credential, whatever the variable is called.</summary>
    public static bool ValueLooksSecret(string? value)
    {
        if (string.IsNullOrEmpty(value) || value!.Length < 8)
        {
            return false;
        }

        var lower = value.ToLowerInvariant();
        foreach (var assignment in CredentialAssignments)
        {
            var at = lower.IndexOf(assignment, StringComparison.Ordinal);
            while (at >= 0)
            {
                // "Password=" at the start or after a separator, with something after it.
                var startsPair = at == 0 || lower[at - 1] is ';' or ' ' or '&' or '?' or '\t';
                var end = at + assignment.Length;
                if (startsPair && end < lower.Length && lower[end] is not (';' or '&' or ' '))
                {
                    return true;
                }

                at = lower.IndexOf(assignment, at + 1, StringComparison.Ordinal);
            }
        }

        if (HasUserInfoWithPassword(value) || value.IndexOf("-----BEGIN ", StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        foreach (var prefix in TokenPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal) && value.Length >= prefix.Length + 16 && IsTokenText(value))
            {
                return true;
            }
        }

        return IsJwt(value) || IsLongRandomText(value);
    }

    /// <summary>Switches, numbers, URLs without credentials and file paths cannot be a credential.</summary>
    private static bool CouldBeCredential(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var trimmed = value!.Trim();
        if (trimmed.Length == 0
            || bool.TryParse(trimmed, out _)
            || double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            || TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        if (trimmed[0] == '/' || (trimmed.IndexOf("://", StringComparison.Ordinal) > 0 && !HasUserInfoWithPassword(trimmed)))
        {
            return false;
        }

        return true;
    }

    private static bool HasUserInfoWithPassword(string value)
    {
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return false;
        }

        var authorityStart = scheme + 3;
        var authorityEnd = value.IndexOfAny(new[] { '/', '?', '#' }, authorityStart);
        var authority = authorityEnd < 0 ? value.Substring(authorityStart) : value.Substring(authorityStart, authorityEnd - authorityStart);
        var at = authority.LastIndexOf('@');
        if (at <= 0)
        {
            return false;
        }

        var colon = authority.IndexOf(':');
        return colon >= 0 && colon < at - 1;
    }

    private static bool IsJwt(string value)
    {
        if (!value.StartsWith("eyJ", StringComparison.Ordinal) || value.Length < 30)
        {
            return false;
        }

        var parts = value.Split('.');
        return parts.Length == 3 && parts[0].Length > 8 && parts[1].Length > 8 && IsTokenText(parts[0]) && IsTokenText(parts[1]);
    }

    /// <summary>32+ characters of hex, or of base64 with mixed case, digits and high entropy; never a GUID.</summary>
    private static bool IsLongRandomText(string value)
    {
        if (value.Length < 32 || value.Length > 4096 || Guid.TryParse(value, out _))
        {
            return false;
        }

        bool upper = false, lower = false, digit = false, hexOnly = true;
        var counts = new Dictionary<char, int>();
        foreach (var c in value)
        {
            var isBase64 = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '+' or '/' or '=' or '-' or '_';
            if (!isBase64)
            {
                return false;
            }

            upper |= c is >= 'A' and <= 'Z';
            lower |= c is >= 'a' and <= 'z';
            digit |= c is >= '0' and <= '9';
            hexOnly &= c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
            counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
        }

        if (hexOnly)
        {
            return digit && (lower || upper);
        }

        if (!(upper && lower && digit))
        {
            return false;
        }

        // Shannon entropy in bits per character: English words and identifiers stay well below 4.
        double entropy = 0;
        foreach (var count in counts.Values)
        {
            var p = (double)count / value.Length;
            entropy -= p * Math.Log(p, 2);
        }

        return entropy >= 4.0;
    }

    private static bool IsTokenText(string value)
    {
        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '+' or '/' or '='))
            {
                return false;
            }
        }

        return true;
    }
}
