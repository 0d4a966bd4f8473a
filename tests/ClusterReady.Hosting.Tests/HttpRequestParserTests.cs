using System.Text;
using ClusterReady.Hosting.Listener;
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

    [Fact]
    public void Never_throws_on_random_input()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 20)
            {
                // Half start like a request, so the parser gets past the first checks.
                "GET / HTTP/1.1\r\n"u8.CopyTo(bytes);
            }

            var status = HttpRequestParser.Parse(bytes, out _);
            Assert.True(Enum.IsDefined(status));
        }
    }
}
