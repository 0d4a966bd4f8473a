using System;
using System.Diagnostics;

namespace ClusterReady;

/// <summary>CPU and memory requests and limits, as Kubernetes quantities (<c>250m</c>, <c>1</c>, <c>256Mi</c>, <c>1Gi</c>).</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ResourcesAttribute : Attribute
{
    /// <summary>CPU the scheduler reserves, e.g. <c>250m</c>.</summary>
    public string? CpuRequest { get; set; }

    /// <summary>CPU ceiling, e.g. <c>1</c>.</summary>
    public string? CpuLimit { get; set; }

    /// <summary>Memory the scheduler reserves, e.g. <c>256Mi</c>.</summary>
    public string? MemoryRequest { get; set; }

    /// <summary>Memory ceiling; the container is killed above it, e.g. <c>512Mi</c>.</summary>
    public string? MemoryLimit { get; set; }
}
