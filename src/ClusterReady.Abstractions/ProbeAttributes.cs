using System;
using System.Diagnostics;

namespace ClusterReady;

/// <summary>Settings shared by the three HTTP probes. Times are in seconds.</summary>
public abstract class ProbeAttribute : Attribute
{
    private protected ProbeAttribute(string path) => Path = path;

    /// <summary>Path the kubelet requests; the runtime serves it.</summary>
    public string Path { get; }

    /// <summary>Name of a declared port; default the management port if there is one, else the first port.</summary>
    public string? Port { get; set; }

    /// <summary>Seconds before the first probe.</summary>
    public int InitialDelaySeconds { get; set; }

    /// <summary>Seconds between probes.</summary>
    public int PeriodSeconds { get; set; }

    /// <summary>Seconds before a probe times out; must be less than <see cref="PeriodSeconds"/>.</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>Consecutive failures before the probe counts as failed.</summary>
    public int FailureThreshold { get; set; }
}

/// <summary>Liveness probe: restart the container when the process stops responding. Default path <c>/healthz/live</c>.</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LivenessProbeAttribute : ProbeAttribute
{
    /// <summary>Default path <c>/healthz/live</c>.</summary>
    public LivenessProbeAttribute() : base("/healthz/live")
    {
    }

    /// <summary>Probes the given path.</summary>
    public LivenessProbeAttribute(string path) : base(path)
    {
    }
}

/// <summary>Readiness probe: send traffic only while the app is ready. Default path <c>/healthz/ready</c>.</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ReadinessProbeAttribute : ProbeAttribute
{
    /// <summary>Default path <c>/healthz/ready</c>.</summary>
    public ReadinessProbeAttribute() : base("/healthz/ready")
    {
    }

    /// <summary>Probes the given path.</summary>
    public ReadinessProbeAttribute(string path) : base(path)
    {
    }
}

/// <summary>Startup probe: hold liveness and readiness until the app has started. Default path <c>/healthz/startup</c>.</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class StartupProbeAttribute : ProbeAttribute
{
    /// <summary>Default path <c>/healthz/startup</c>.</summary>
    public StartupProbeAttribute() : base("/healthz/startup")
    {
    }

    /// <summary>Probes the given path.</summary>
    public StartupProbeAttribute(string path) : base(path)
    {
    }
}
