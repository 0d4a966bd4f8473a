using System.Buffers;
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
/// </remarks>
internal static class HttpRequestParser
{
    private static readonly SearchValues<byte> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"u8);

    // Visible ASCII: what a request target may contain on the wire (RFC 9112 section 3.2).
    private const byte FirstTargetChar = 0x21;
    private const byte LastTargetChar = 0x7E;

    public static ParseStatus Parse(ReadOnlySpan<byte> head, out RequestHead request)
    {
        request = default;
        var lineEnd = head.IndexOf("\r\n"u8);
        var requestLine = lineEnd < 0 ? head : head[..lineEnd];
        var fields = lineEnd < 0 ? default : head[(lineEnd + 2)..];

        var space = requestLine.IndexOf((byte)' ');
        if (space <= 0 || requestLine[..space].ContainsAnyExcept(TokenChars))
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
        if (target[0] != (byte)'/' || target.ContainsAnyExceptInRange(FirstTargetChar, LastTargetChar))
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
            if (colon <= 0 || line[..colon].ContainsAnyExcept(TokenChars))
            {
                // Also refuses obsolete line folding and whitespace before the colon (RFC 9112 section 5.1).
                return ParseStatus.BadRequest;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
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

    private static bool HasToken(ReadOnlySpan<byte> list, ReadOnlySpan<byte> token)
    {
        foreach (var range in list.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(list[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }

        return false;
    }
}
