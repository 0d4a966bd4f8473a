using System.Text;
using ClusterReady.Hosting.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClusterReady.Hosting.Listener;

/// <summary>
/// The listener's responses, built once: a probe answer is a copy of a few hundred bytes, no formatting per request.
/// </summary>
internal static class HttpResponses
{
    // [status: Healthy, Degraded, Unhealthy][close][head]
    private static readonly byte[][][][] Probe = BuildProbeTable();
    private static readonly byte[][][] NotFoundTable = BuildTable(404, "Not Found", "Not Found");

    public static readonly byte[] BadRequest = Build(400, "Bad Request", "Bad Request", close: true, head: false);
    public static readonly byte[] HeadersTooLarge = Build(431, "Request Header Fields Too Large", "Request Header Fields Too Large", close: true, head: false);
    public static readonly byte[] VersionNotSupported = Build(505, "HTTP Version Not Supported", "HTTP Version Not Supported", close: true, head: false);
    public static readonly byte[] MethodNotAllowed = Build(405, "Method Not Allowed", "Method Not Allowed", close: true, head: false, "Allow: GET, HEAD\r\n");

    public static byte[] ForProbe(ProbeResult result, bool close, bool head) =>
        result.Details is null
            ? Probe[StatusIndex(result.Status)][close ? 1 : 0][head ? 1 : 0]
            : Build(result.StatusCode, Reason(result.StatusCode), result.Body, close, head);

    public static byte[] NotFound(bool close, bool head) => NotFoundTable[close ? 1 : 0][head ? 1 : 0];

    private static int StatusIndex(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => 0,
        HealthStatus.Degraded => 1,
        _ => 2,
    };

    private static string Reason(int statusCode) => statusCode == 200 ? "OK" : "Service Unavailable";

    // Indexed as StatusIndex: Healthy, Degraded, Unhealthy.
    private static byte[][][][] BuildProbeTable() =>
        [BuildProbeTable(HealthStatus.Healthy), BuildProbeTable(HealthStatus.Degraded), BuildProbeTable(HealthStatus.Unhealthy)];

    private static byte[][][] BuildProbeTable(HealthStatus status)
    {
        var result = ProbeResult.For(status);
        return BuildTable(result.StatusCode, Reason(result.StatusCode), result.Body);
    }

    private static byte[][][] BuildTable(int statusCode, string reason, string body) =>
        [
            [Build(statusCode, reason, body, close: false, head: false), Build(statusCode, reason, body, close: false, head: true)],
            [Build(statusCode, reason, body, close: true, head: false), Build(statusCode, reason, body, close: true, head: true)],
        ];

    private static byte[] Build(int statusCode, string reason, string body, bool close, bool head, string extraHeaders = "")
    {
        var content = Encoding.UTF8.GetBytes(body);
        var text = new StringBuilder()
            .Append("HTTP/1.1 ").Append(statusCode).Append(' ').Append(reason).Append("\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n")
            .Append("Cache-Control: no-store\r\n")
            .Append("Content-Length: ").Append(content.Length).Append("\r\n")
            .Append(extraHeaders)
            .Append(close ? "Connection: close\r\n" : string.Empty)
            .Append("\r\n")
            .ToString();
        var headBytes = Encoding.ASCII.GetBytes(text);
        return head ? headBytes : [.. headBytes, .. content];
    }
}
