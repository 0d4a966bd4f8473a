using System;
using System.Diagnostics;

namespace ClusterReady;

/// <summary>
/// Tunes the service for tail latency, in one place: Guaranteed QoS (each request equal to its limit, CPU in whole
/// CPUs), .NET runtime settings derived from those resources (processor count, GC mode, heap limit, DATAS) written
/// wherever the app runs (manifest, image, Compose), Service traffic kept in the caller's zone
/// (<c>trafficDistribution: PreferSameZone</c>), and the app's registered warm-up work run before readiness answers 200.
/// </summary>
/// <remarks>Needs <c>[Resources]</c> with a whole-CPU <c>CpuLimit</c> and a <c>MemoryLimit</c>; see docs/latency.md.</remarks>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LatencyProfileAttribute : Attribute
{
    /// <summary>
    /// Seconds the warm-up work registered with <c>AddWarmup</c> may take after start before readiness answers 200
    /// anyway. 0 (default): the startup probe's budget less one period. It must fit inside the startup probe's budget.
    /// </summary>
    public int WarmupTimeoutSeconds { get; set; }
}
