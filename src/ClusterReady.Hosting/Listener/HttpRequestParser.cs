using System.Text;

namespace ClusterReady.Hosting.Listener;

internal enum RequestMethod
{
    Get,
    Head,
    Other,
}

internal enum ParseStatus
{
    Ok,
    BadRequest,
    VersionNotSupported,
}

/// <summary>The parts of a request head that the listener acts on.</summary>
internal ref struct RequestHead
{
    public RequestMethod Method;

    /// <summary>The request target's path, without the query.</summary>
    public ReadOnlySpan<byte> Path;

    public bool KeepAlive;
}

/// <summary>
/// Parses an HTTP/1.x request head (request line and header fields, without the blank line that ends them).
/// </summary>
/// <remarks>
/// Strict where a lenient reading could be exploited (header names, control characters, bodies), and silent about
/// what a health endpoint does not need (Host, Accept and the rest are checked for syntax only). Requests with a
/// body are refused: nothing here reads one, and skipping it wrongly would desynchronize the connection.
/// The character classes are plain loops rather than SearchValues, Trim or Split over bytes: those generic span
/// helpers are not precompiled for byte in the shared framework, so the JIT would compile a dozen of them before the
/// first probe could be answered; a probe's head is about 150 bytes.
/// </remarks>
internal static class HttpRequestParser
{
    public static ParseStatus Parse(ReadOnlySpan<byte> head, out RequestHead request)
    {
        request = default;
        var lineEnd = head.IndexOf("\r\n"u8);
        var requestLine = lineEnd < 0 ? head : head[..lineEnd];
        var fields = lineEnd < 0 ? default : head[(lineEnd + 2)..];

        var space = requestLine.IndexOf((byte)' ');
        if (space <= 0 || !IsToken(requestLine[..space]))
        {
            return ParseStatus.BadRequest;
        }

        var method = requestLine[..space];
        request.Method = method.SequenceEqual("GET"u8) ? RequestMethod.Get : method.SequenceEqual("HEAD"u8) ? RequestMethod.Head : RequestMethod.Other;

        var rest = requestLine[(space + 1)..];
        space = rest.IndexOf((byte)' ');
        if (space <= 0)
        {
            return ParseStatus.BadRequest;
        }

        var target = rest[..space];
        var version = rest[(space + 1)..];
        if (target[0] != (byte)'/' || !IsVisibleAscii(target))
        {
            return ParseStatus.BadRequest;
        }

        if (version.SequenceEqual("HTTP/1.1"u8))
        {
            request.KeepAlive = true;
        }
        else if (version.SequenceEqual("HTTP/1.0"u8))
        {
            // HTTP/1.0 keep-alive is an opt-in extension that no prober needs: answer and close.
            request.KeepAlive = false;
        }
        else
        {
            return version.Length == 8 && version.StartsWith("HTTP/"u8) && char.IsAsciiDigit((char)version[5]) && version[6] == '.' && char.IsAsciiDigit((char)version[7])
                ? ParseStatus.VersionNotSupported
                : ParseStatus.BadRequest;
        }

        var query = target.IndexOf((byte)'?');
        request.Path = query < 0 ? target : target[..query];

        while (!fields.IsEmpty)
        {
            lineEnd = fields.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? fields : fields[..lineEnd];
            fields = lineEnd < 0 ? default : fields[(lineEnd + 2)..];

            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                // Also refuses obsolete line folding and whitespace before the colon (RFC 9112 section 5.1).
                return ParseStatus.BadRequest;
            }

            var name = line[..colon];
            var value = TrimWhitespace(line[(colon + 1)..]);
            foreach (var b in value)
            {
                if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
                {
                    return ParseStatus.BadRequest;
                }
            }

            if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                if (HasToken(value, "close"u8))
                {
                    request.KeepAlive = false;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!value.SequenceEqual("0"u8))
                {
                    return ParseStatus.BadRequest;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                return ParseStatus.BadRequest;
            }
        }

        return ParseStatus.Ok;
    }

    /// <summary>Whether a comma-separated list (a Connection header's value) names <paramref name="token"/>.</summary>
    private static bool HasToken(ReadOnlySpan<byte> list, ReadOnlySpan<byte> token)
    {
        while (true)
        {
            var comma = list.IndexOf((byte)',');
            var item = comma < 0 ? list : list[..comma];
            if (Ascii.EqualsIgnoreCase(TrimWhitespace(item), token))
            {
                return true;
            }

            if (comma < 0)
            {
                return false;
            }

            list = list[(comma + 1)..];
        }
    }

    /// <summary>Whether <paramref name="value"/> is a token (RFC 9110 section 5.6.2): a method or a header name.</summary>
    private static bool IsToken(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&'
                or (byte)'\'' or (byte)'*' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`'
                or (byte)'|' or (byte)'~'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Visible ASCII: what a request target may contain on the wire (RFC 9112 section 3.2).</summary>
    private static bool IsVisibleAscii(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (b is < 0x21 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Without the spaces and tabs around it (optional whitespace, RFC 9110 section 5.6.3).</summary>
    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && value[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        while (end > start && value[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        return value[start..end];
    }
}
