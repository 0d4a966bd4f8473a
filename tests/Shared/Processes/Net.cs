using System.Diagnostics;
using System.Net;

namespace ClusterReady.Tests.Processes;

internal static class Net
{
    /// <summary>One client for all tests; new connections per request are not needed, and none are kept alive past a test app.</summary>
    public static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static string Url(int port, string path) => $"http://127.0.0.1:{port}{path}";

    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(int port, string path)
    {
        using var response = await Client.GetAsync(Url(port, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls until the endpoint answers <paramref name="status"/>; throws with the last answer after <paramref name="timeout"/>.</summary>
    public static async Task WaitForStatusAsync(int port, string path, HttpStatusCode status, TimeSpan timeout, AppProcess? app = null)
    {
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < timeout)
        {
            if (app is { HasExited: true })
            {
                throw new InvalidOperationException($"the app exited while {path} on port {port} was awaited ({(int)status}); last: {last}. Output:\n{app.Output}");
            }

            try
            {
                var (actual, body) = await GetAsync(port, path);
                if (actual == status)
                {
                    return;
                }

                last = $"{(int)actual} {body}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{path} on port {port} did not answer {(int)status} within {timeout}; last: {last}. Output:\n{app?.Output}");
    }
}
