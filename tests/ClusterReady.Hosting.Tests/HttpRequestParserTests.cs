using System.Text;
using ClusterReady.Hosting.Listener;
using CsCheck;
using Xunit;

namespace ClusterReady.Hosting.Tests;

public sealed class HttpRequestParserTests
{
    [Theory]
    [InlineData("GET /healthz/ready HTTP/1.1\r\nHost: 10.0.0.1:8081\r\nUser-Agent: kube-probe/1.33\r\nAccept: */*\r\nConnection: close", "GET", "/healthz/ready", false)]
    [InlineData("GET /healthz/ready?verbose=1 HTTP/1.1\r\nHost: x", "GET", "/healthz/ready", true)]
    [InlineData("HEAD /live HTTP/1.1", "HEAD", "/live", true)]
    [InlineData("GET /live HTTP/1.0\r\nConnection: keep-alive", "GET", "/live", false)]
    [InlineData("GET /live HTTP/1.1\r\nconnection: Keep-Alive, CLOSE", "GET", "/live", false)]
    [InlineData("DELETE /live HTTP/1.1\r\nContent-Length: 0", "Other", "/live", true)]
    [InlineData("GET /live HTTP/1.1\r\nConnection:\t close \t", "GET", "/live", false)]
    [InlineData("GET /live HTTP/1.1\r\nConnection: upgrade,,  close", "GET", "/live", false)]
    [InlineData("GET /live HTTP/1.1\r\nConnection: closed, keep-alive", "GET", "/live", true)]
    [InlineData("GET /live HTTP/1.1\r\nX-A!#$%&'*+-.^_`|~9z: any value", "GET", "/live", true)]
    [InlineData("GET /a!$&'()*+,;=:@~%20-._ HTTP/1.1", "GET", "/a!$&'()*+,;=:@~%20-._", true)]
    public void Parses_what_the_listener_needs(string head, string method, string path, bool keepAlive)
    {
        var status = HttpRequestParser.Parse(Encoding.ASCII.GetBytes(head), out var request);

        Assert.Equal(ParseStatus.Ok, status);
        Assert.Equal(method, request.Method == RequestMethod.Other ? "Other" : request.Method.ToString().ToUpperInvariant());
        Assert.Equal(path, Encoding.ASCII.GetString(request.Path));
        Assert.Equal(keepAlive, request.KeepAlive);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GET")]
    [InlineData("GET /live")]
    [InlineData(" GET /live HTTP/1.1")]
    [InlineData("GET  /live HTTP/1.1")]
    [InlineData("GET live HTTP/1.1")]
    [InlineData("GET http://example/live HTTP/1.1")]
    [InlineData("GET /li\u0001ve HTTP/1.1")]
    [InlineData("GET /li\u007Fve HTTP/1.1")]
    [InlineData("GET /li\u00E9ve HTTP/1.1")]
    [InlineData("G@T /live HTTP/1.1")]
    [InlineData("GET /live HTTP/1.1\r\nX(y: z")]
    [InlineData("GET /live HTTP/1.1\r\nX\u00E9: z")]
    [InlineData("GE(T /live HTTP/1.1")]
    [InlineData("GET /live FTP/1.1")]
    [InlineData("GET /live HTTP/1.1\r\nHost : x")]
    [InlineData("GET /live HTTP/1.1\r\n folded: x")]
    [InlineData("GET /live HTTP/1.1\r\nNoColon")]
    [InlineData("GET /live HTTP/1.1\r\nX: a\u0000b")]
    [InlineData("GET /live HTTP/1.1\r\nContent-Length: 5")]
    [InlineData("GET /live HTTP/1.1\r\nTransfer-Encoding: chunked")]
    public void Refuses_malformed_heads(string head)
    {
        Assert.Equal(ParseStatus.BadRequest, HttpRequestParser.Parse(Encoding.Latin1.GetBytes(head), out _));
    }

    [Theory]
    [InlineData("GET /live HTTP/2.0")]
    [InlineData("GET /live HTTP/0.9")]
    public void Refuses_other_versions_as_not_supported(string head)
    {
        Assert.Equal(ParseStatus.VersionNotSupported, HttpRequestParser.Parse(Encoding.ASCII.GetBytes(head), out _));
    }

    private static readonly string[] WellFormedLines = ["Host: 10.0.0.1:8081", "User-Agent: kube-probe/1.33", "Accept: */*", "X-A!#$%&'*+-.^_`|~9z: any value", "Connection: keep-alive"];

    private static readonly string[] MalformedLines = ["X(y: z", "Host : x", " folded: x", "NoColon", "X: a\u0000b", "Content-Length: 5", "Transfer-Encoding: chunked", "X\u00E9: z"];

    /// <summary>
    /// Heads of any number of header lines, each well formed or not, in any order: the parser keeps its state across
    /// lines, so one malformed line anywhere refuses the head and any number of well-formed ones does not. Also never
    /// throws, on random bytes too.
    /// </summary>
    [Fact]
    public void One_malformed_header_line_anywhere_refuses_the_head_and_random_bytes_never_throw()
    {
        var lines = Gen.Frequency((3, Gen.OneOf(WellFormedLines).Select(l => (Line: l, Malformed: false))), (1, Gen.OneOf(MalformedLines).Select(l => (Line: l, Malformed: true))));
        lines.Array[0, 6].Sample(
            headers =>
            {
                var head = "GET /healthz/ready HTTP/1.1" + string.Concat(headers.Select(h => "\r\n" + h.Line));
                var expected = headers.Any(h => h.Malformed) ? ParseStatus.BadRequest : ParseStatus.Ok;
                Assert.Equal(expected, HttpRequestParser.Parse(Encoding.Latin1.GetBytes(head), out _));
            },
            iter: 5_000,
            print: headers => string.Join(" | ", headers.Select(h => h.Line)));

        // Random bytes, half of them after a valid request line: a verdict, never an exception, and Ok only for a
        // head that starts with a request line.
        Gen.Select(Gen.Bool, Gen.Byte.Array[0, 200]).Sample((afterRequestLine, bytes) =>
        {
            byte[] head = afterRequestLine ? [.. "GET / HTTP/1.1\r\n"u8, .. bytes] : bytes;
            if (HttpRequestParser.Parse(head, out _) == ParseStatus.Ok)
            {
                Assert.Matches("^[!#$%&'*+.^_`|~0-9A-Za-z-]+ /[^ ]* HTTP/1\\.[01](\r\n|$)", Encoding.Latin1.GetString(head));
            }
        }, iter: 20_000);
    }
}
