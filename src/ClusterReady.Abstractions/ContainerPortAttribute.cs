using System;
using System.Diagnostics;

namespace ClusterReady;

/// <summary>
/// A port the app listens on. App ports are exposed by the Service; a management port
/// (<see cref="Management"/> = true) serves the health endpoints only and is probed by the kubelet.
/// </summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ContainerPortAttribute : Attribute
{
    /// <summary>Declares a port, 1 to 65535.</summary>
    public ContainerPortAttribute(int port) => Port = port;

    /// <summary>Port number.</summary>
    public int Port { get; }

    /// <summary>Port name (at most 15 lowercase letters, digits and '-'); default <c>http</c>, or <c>management</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>TCP</c> (default) or <c>UDP</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>True for a port that serves health endpoints only and is not exposed by the Service.</summary>
    public bool Management { get; set; }
}
