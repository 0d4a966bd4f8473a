using System.Text;
using ClusterReady.Hosting.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClusterReady.Hosting.AspNetCore;

/// <summary>
/// Answers the health endpoints before routing; on the management port it answers nothing else, so the app is not
/// reachable through a port that the Service does not expose for it.
/// </summary>
internal sealed class HealthEndpointsMiddleware(RequestDelegate next, HealthProbes probes, ClusterReadySettings settings)
{
    private const string ContentType = "text/plain; charset=utf-8";

    // The status words as bytes, written without encoding per request.
    private static readonly byte[] Healthy = Encoding.UTF8.GetBytes("Healthy");
    private static readonly byte[] Degraded = Encoding.UTF8.GetBytes("Degraded");
    private static readonly byte[] Unhealthy = Encoding.UTF8.GetBytes("Unhealthy");

    public Task InvokeAsync(HttpContext context)
    {
        var localPort = context.Connection.LocalPort;
        var onManagementPort = settings.ManagementPort == localPort;
        var endpoint = settings.Match(context.Request.Path.Value);
        if (endpoint is null || !endpoint.AnswersOn(localPort))
        {
            if (onManagementPort)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        }

        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return Task.CompletedTask;
        }

        var probe = probes.CheckAsync(endpoint.Kind);
        return probe.IsCompletedSuccessfully ? WriteAsync(context, probe.Result) : AwaitAndWriteAsync(context, probe);
    }

    private static async Task AwaitAndWriteAsync(HttpContext context, ValueTask<ProbeResult> probe) =>
        await WriteAsync(context, await probe.ConfigureAwait(false)).ConfigureAwait(false);

    private static Task WriteAsync(HttpContext context, ProbeResult result)
    {
        var response = context.Response;
        response.StatusCode = result.StatusCode;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        var body = result.Details is null
            ? result.Status switch
            {
                HealthStatus.Healthy => Healthy,
                HealthStatus.Degraded => Degraded,
                _ => Unhealthy,
            }
            : Encoding.UTF8.GetBytes(result.Body);
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }
}
