using System;
using System.Diagnostics;

namespace ClusterReady;

/// <summary>The container image the manifests deploy. Default: repository = service name, tag = assembly version.</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ContainerImageAttribute : Attribute
{
    /// <summary>Sets the image repository, e.g. <c>ghcr.io/acme/orders-api</c>.</summary>
    public ContainerImageAttribute(string repository) => Repository = repository;

    /// <summary>Image repository (registry and path), without a tag.</summary>
    public string Repository { get; }

    /// <summary>Image tag; default the assembly's informational version.</summary>
    public string? Tag { get; set; }
}
