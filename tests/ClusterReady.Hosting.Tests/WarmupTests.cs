using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ClusterReady.Hosting.Tests.Infrastructure;
using ClusterReady.Model;
using ClusterReady.Tests.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace ClusterReady.Hosting.Tests;

/// <summary>
/// Warm-up before ready: a real worker host in this process, its probes asked over real HTTP on the listener, with work
/// registered through AddWarmup; and the options the warm-up is bounded by, validated against the startup probe.
/// </summary>
public sealed class WarmupTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly int _port = FreePort.Next();
    private readonly CapturedLog _log = new();
    private IHost? _host;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    [Fact]
    public async Task Readiness_and_startup_answer_503_while_the_warm_up_runs_liveness_200_and_both_200_after_it()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartAsync(services => services.AddWarmup("gate", async (_, token) =>
        {
            running.SetResult();
            await gate.Task.WaitAsync(token);
        }));

        await running.Task.WaitAsync(Timeout);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Net.GetAsync(_port, "/healthz/live"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await Net.GetAsync(_port, "/healthz/ready"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await Net.GetAsync(_port, "/healthz/startup"));
        // Still warming up a while later: nothing but the work's end turns it ready.
        await Task.Delay(300);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Net.GetAsync(_port, "/healthz/ready")).Status);

        gate.SetResult();
        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, Timeout);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await Net.GetAsync(_port, "/healthz/startup"));

        var started = Line("Warm-up started");
        Assert.Equal((LogLevel.Information, "Warm-up started: 1 task(s), timeout 57 s; readiness and startup answer 503 until it ends"), (started.Level, started.Message));
        var finished = Line("Warm-up finished");
        Assert.Equal(LogLevel.Information, finished.Level);
        Assert.Matches(@"^Warm-up finished: 1 task\(s\) in \d+ ms; readiness now passing$", finished.Message);
    }

    [Fact]
    public async Task With_details_the_probes_say_the_app_is_warming_up()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartAsync(services => services.AddWarmup("gate", (_, token) => gate.Task.WaitAsync(token)), configure: o => o.IncludeDetails = true);

        await Net.WaitForStatusAsync(_port, "/healthz/live", HttpStatusCode.OK, Timeout);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy\nWarming up."), await Net.GetAsync(_port, "/healthz/ready"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy\nWarming up."), await Net.GetAsync(_port, "/healthz/startup"));
        gate.SetResult();
        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, Timeout);
    }

    [Fact]
    public async Task Tasks_run_one_after_another_in_registration_order_in_one_scope()
    {
        var events = new ConcurrentQueue<string>();
        await StartAsync(services =>
        {
            services.AddScoped<Recorder>(_ => new Recorder(events));
            services.AddWarmup("first", async (sp, token) =>
            {
                sp.GetRequiredService<Recorder>().Record("first started");
                await Task.Delay(200, token);
                sp.GetRequiredService<Recorder>().Record("first ended");
            });
            services.AddWarmup<RecordingTask>();
            // The same type again runs once.
            services.AddWarmup<RecordingTask>();
            services.AddWarmup("third", (sp, _) =>
            {
                sp.GetRequiredService<Recorder>().Record("third");
                return Task.CompletedTask;
            });
        });

        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, Timeout);
        // The scope is disposed once the warm-up is over.
        var clock = Stopwatch.StartNew();
        while (events.Count < 5 && clock.Elapsed < Timeout)
        {
            await Task.Delay(20);
        }

        Assert.Equal(["first started", "first ended", "recording task", "third", "disposed"], events.Select(e => e.Split('#')[0]));
        // One scope: the same Recorder instance throughout.
        Assert.Single(events.Select(e => e.Split('#')[1]).Distinct());
        Assert.StartsWith("Warm-up finished: 3 task(s)", Line("Warm-up finished").Message);
    }

    [Fact]
    public async Task A_warm_up_past_its_timeout_is_cancelled_logged_with_its_name_and_the_numbers_and_the_app_turns_ready()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var laterRan = false;
        var events = new ConcurrentQueue<string>();
        await StartAsync(
            services => services
                .AddScoped(_ => new Recorder(events))
                .AddWarmup("quick", (sp, _) =>
                {
                    sp.GetRequiredService<Recorder>().Record("quick");
                    return Task.CompletedTask;
                })
                .AddWarmup("stubborn", async (sp, token) =>
                {
                    sp.GetRequiredService<Recorder>().Record("stubborn");
                    token.Register(() => cancelled.TrySetResult());
                    // Ignores its token: the app must turn ready anyway.
                    await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None);
                })
                .AddWarmup("later", (_, _) =>
                {
                    laterRan = true;
                    return Task.CompletedTask;
                }),
            configure: o => o.WarmupTimeout = TimeSpan.FromSeconds(1));

        var clock = Stopwatch.StartNew();
        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, Timeout);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"ready {clock.Elapsed} after the start, with a 1 s warm-up timeout");
        Assert.True(cancelled.Task.IsCompleted, "the task's token was not cancelled at the timeout");
        Assert.False(laterRan);
        // The task still runs, so its services are not disposed under it.
        Assert.Equal(["quick", "stubborn"], events.Select(e => e.Split('#')[0]));
        Assert.Equal(HttpStatusCode.OK, (await Net.GetAsync(_port, "/healthz/startup")).Status);
        var warning = Line("did not finish");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Matches(
            @"^Warm-up task stubborn did not finish within the warm-up timeout of 1 s \(ClusterReady:WarmupTimeout\); cancelled after \d+\.\d s, 1 task\(s\) not run; readiness now passing$",
            warning.Message);
    }

    /// <summary>
    /// A task that ends without an exception as the timeout cancels its token: the last one has done its work (nothing
    /// is left to run), an earlier one leaves the ones after it not run.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_task_that_ends_well_on_the_timeout_finishes_the_warm_up_only_when_it_is_the_last(bool last)
    {
        static Task EndsWhenCancelled(IServiceProvider services, CancellationToken token)
        {
            // Completed inside the cancellation, before the runner's own callback (registered earlier, so run later) sees it.
            var ended = new TaskCompletionSource();
            token.Register(() => ended.TrySetResult());
            return ended.Task;
        }

        await StartAsync(
            services =>
            {
                if (last)
                {
                    services.AddWarmup("first", (_, _) => Task.CompletedTask).AddWarmup("ends on cancel", EndsWhenCancelled);
                }
                else
                {
                    services.AddWarmup("ends on cancel", EndsWhenCancelled).AddWarmup("second", (_, _) => Task.CompletedTask);
                }
            },
            // Long enough that the instant first task is seen done before the timeout on a loaded machine too.
            configure: o => o.WarmupTimeout = TimeSpan.FromSeconds(2));

        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, Timeout);

        if (last)
        {
            Assert.StartsWith("Warm-up finished: 2 task(s)", (await _log.WaitForAsync("Warm-up finished", Timeout)).Message);
            Assert.DoesNotContain(_log.Lines, l => l.Message.Contains("did not finish", StringComparison.Ordinal));
        }
        else
        {
            Assert.Matches(
                @"^Warm-up task ends on cancel did not finish within the warm-up timeout of 2 s \(ClusterReady:WarmupTimeout\); cancelled after \d+\.\d s, 1 task\(s\) not run; readiness now passing$",
                (await _log.WaitForAsync("did not finish", Timeout)).Message);
            Assert.DoesNotContain(_log.Lines, l => l.Message.StartsWith("Warm-up finished", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_warm_up_task_that_cannot_be_resolved_is_logged_and_the_app_turns_ready()
    {
        await StartAsync(services => services.AddWarmup<UnresolvableTask>());

        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, Timeout);

        var line = await _log.WaitForAsync("Warm-up could not run", Timeout);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Matches(@"^Warm-up could not run after \d+ ms; the app becomes ready without it$", line.Message);
        Assert.IsType<InvalidOperationException>(line.Exception);
    }

    [Fact]
    public async Task Disposing_the_warm_ups_services_is_logged_when_it_fails()
    {
        await StartAsync(services => services
            .AddScoped<FailingDisposal>()
            .AddWarmup("uses a scoped service", (sp, _) =>
            {
                sp.GetRequiredService<FailingDisposal>();
                return Task.CompletedTask;
            }));

        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, Timeout);

        var line = await _log.WaitForAsync("Disposing the warm-up's services failed", Timeout);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("scope disposal failed", Assert.IsType<InvalidOperationException>(line.Exception).Message);
    }

    [Fact]
    public async Task A_warm_up_task_that_throws_is_logged_with_its_exception_the_next_one_runs_and_the_app_turns_ready()
    {
        var lastRan = false;
        await StartAsync(services => services
            .AddWarmup("async failure", async (_, token) =>
            {
                await Task.Delay(10, token);
                throw new InvalidOperationException("cache server unreachable");
            })
            .AddWarmup<ThrowingTask>()
            .AddWarmup("last", (_, _) =>
            {
                lastRan = true;
                return Task.CompletedTask;
            }));

        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, Timeout);

        Assert.True(lastRan);
        var failures = _log.Lines.Where(l => l.Message.Contains("failed after", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, failures.Length);
        Assert.All(failures, f => Assert.Equal(LogLevel.Warning, f.Level));
        Assert.Matches(@"^Warm-up task async failure failed after \d+ ms; the app becomes ready without it$", failures[0].Message);
        Assert.Equal("cache server unreachable", Assert.IsType<InvalidOperationException>(failures[0].Exception).Message);
        Assert.StartsWith($"Warm-up task {typeof(ThrowingTask).FullName} failed after", failures[1].Message);
        Assert.IsType<NotSupportedException>(failures[1].Exception);
        Assert.StartsWith("Warm-up finished: 3 task(s)", Line("Warm-up finished").Message);
    }

    [Fact]
    public async Task WarmupEnabled_false_in_configuration_runs_no_work_and_the_app_turns_ready_as_without_warm_up()
    {
        var ran = false;
        await StartAsync(
            services => services.AddWarmup("skipped", async (_, token) =>
            {
                ran = true;
                await Task.Delay(System.Threading.Timeout.Infinite, token);
            }),
            new() { ["ClusterReady:WarmupEnabled"] = "false" });

        await Net.WaitForStatusAsync(_port, "/healthz/ready", HttpStatusCode.OK, Timeout);

        Assert.Equal(HttpStatusCode.OK, (await Net.GetAsync(_port, "/healthz/startup")).Status);
        Assert.Equal(LogLevel.Information, (await _log.WaitForAsync("Warm-up disabled (ClusterReady:WarmupEnabled = false)", Timeout)).Level);
        Assert.False(ran);
        Assert.DoesNotContain(_log.Lines, l => l.Message.StartsWith("Warm-up started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stop_during_the_warm_up_cancels_it_and_the_host_stops_at_once()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartAsync(
            services => services.AddWarmup("endless", async (_, token) =>
            {
                token.Register(() => cancelled.TrySetResult());
                running.SetResult();
                await Task.Delay(System.Threading.Timeout.Infinite, token);
            }),
            configure: o => o.DrainDelay = TimeSpan.Zero);
        await running.Task.WaitAsync(Timeout);

        var clock = Stopwatch.StartNew();
        _host!.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await _host.StopAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {clock.Elapsed}");
        await cancelled.Task.WaitAsync(Timeout);
        Assert.Matches(@"^Warm-up cancelled by shutdown during endless after \d+ ms, 0 task\(s\) not run$", (await _log.WaitForAsync("cancelled by shutdown", Timeout)).Message);
        Assert.DoesNotContain(_log.Lines, l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Warm_up_without_AddClusterReady_is_refused_at_start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddWarmup("orphan", (_, _) => Task.CompletedTask);
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("AddClusterReady was not called", exception.Message);
    }

    [Fact]
    public void The_warm_up_timeout_comes_from_the_model_and_one_longer_than_the_startup_probe_allows_is_refused_with_the_numbers()
    {
        // Startup budget 10 x 6 = 60 s; the warm-up may take 60 - 10 = 50 s.
        var model = new DeploymentModel { Name = "orders-api", Startup = new ProbeModel { PeriodSeconds = 10, FailureThreshold = 6 } };

        using (var defaults = new OptionsHost(model, servesHttp: true))
        {
            Assert.Equal(TimeSpan.FromSeconds(50), defaults.Settings.WarmupTimeout);
            Assert.True(defaults.Settings.WarmupEnabled);
        }

        using (var profile = new OptionsHost(model with { LatencyProfile = new LatencyProfileModel { WarmupTimeoutSeconds = 20 } }, servesHttp: true))
        {
            Assert.Equal(TimeSpan.FromSeconds(20), profile.Settings.WarmupTimeout);
        }

        using (var fits = new OptionsHost(model, servesHttp: true, new() { ["ClusterReady:WarmupTimeout"] = "00:00:50", ["ClusterReady:WarmupEnabled"] = "false" }))
        {
            Assert.Equal((TimeSpan.FromSeconds(50), false), (fits.Settings.WarmupTimeout, fits.Settings.WarmupEnabled));
        }

        var exception = Assert.Throws<OptionsValidationException>(() =>
        {
            using var host = new OptionsHost(model, servesHttp: true, new() { ["ClusterReady:WarmupTimeout"] = "00:02:00" });
            _ = host.Settings;
        });

        Assert.Equal(
            "ClusterReady:WarmupTimeout = 00:02:00 is longer than the startup probe allows: StartupBudgetSeconds 60 s in the manifest of orders-api "
            + "less one period of 10 s, so the kubelet would restart the app while it warms up, before readiness turns 200. Lower it to at most 50 s, "
            + "or raise [StartupProbe] FailureThreshold and publish again.",
            Assert.Single(exception.Failures));
    }

    [Fact]
    public void A_warm_up_timeout_that_is_not_positive_is_refused()
    {
        var exception = Assert.Throws<OptionsValidationException>(() =>
        {
            using var host = new OptionsHost(null, servesHttp: true, new() { ["ClusterReady:WarmupTimeout"] = "00:00:00" });
            _ = host.Settings;
        });

        Assert.Equal("WarmupTimeout must be positive.", Assert.Single(exception.Failures));
    }

    private (LogLevel Level, string Message, Exception? Exception, EventId Event) Line(string text) =>
        _log.Lines.FirstOrDefault(l => l.Message.Contains(text, StringComparison.Ordinal)) is { Message: not null } line
            ? line
            : throw new Xunit.Sdk.XunitException($"No line with '{text}'. Logged:\n{string.Join("\n", _log.Lines.Select(l => l.Message))}");

    private async Task StartAsync(Action<IServiceCollection> warmups, Dictionary<string, string?>? configuration = null, Action<ClusterReadyOptions>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        builder.Logging.AddProvider(_log);
        warmups(builder.Services);
        builder.AddClusterReady(o =>
        {
            o.ManagementPort = _port;
            configure?.Invoke(o);
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    private sealed class Recorder(ConcurrentQueue<string> events) : IDisposable
    {
        private readonly string _id = Guid.NewGuid().ToString("N");

        public void Record(string what) => events.Enqueue(what + "#" + _id);

        public void Dispose() => events.Enqueue("disposed#" + _id);
    }

    private sealed class RecordingTask(Recorder recorder) : IWarmupTask
    {
        public Task WarmUpAsync(CancellationToken cancellationToken)
        {
            recorder.Record("recording task");
            return Task.CompletedTask;
        }
    }

    private sealed class MissingDependency;

    private sealed class UnresolvableTask(MissingDependency dependency) : IWarmupTask
    {
        public Task WarmUpAsync(CancellationToken cancellationToken) => dependency is null ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;
    }

    private sealed class FailingDisposal : IDisposable
    {
        public void Dispose() => throw new InvalidOperationException("scope disposal failed");
    }

    private sealed class ThrowingTask : IWarmupTask
    {
        // Throws before it returns a task.
        public Task WarmUpAsync(CancellationToken cancellationToken) => throw new NotSupportedException("no warm-up here");
    }
}
