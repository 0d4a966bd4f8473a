using ClusterReady.Model.Rules;
using CsCheck;
using static ClusterReady.Tests.Quantities;

namespace ClusterReady.Model.Tests;

/// <summary>
/// Environment overlays merged onto the base, on generated bases and overlays: an overlay never makes the base's own
/// attributes fail (every finding the overlay adds is on the overlay), and its environment, as it runs (the overlay's
/// values in place of the base's), is refused for a request above its limit exactly when Kubernetes would refuse it.
/// </summary>
public sealed class OverlayPropertyTests
{
    private static readonly string[] Properties = ["CpuRequest", "CpuLimit", "MemoryRequest", "MemoryLimit"];

    private static readonly Gen<string> Cpu = Gen.OneOf("100m", "250m", "0.25", "500m", "1", "1000m", "2");

    private static readonly Gen<string> Memory = Gen.OneOf("64Mi", "128Mi", "134217728", "256Mi", "512Mi", "0.5Gi", "1Gi");

    /// <summary>A base that passes: requests at most their limits (sorted by Kubernetes' reading).</summary>
    private static readonly Gen<string[]> Bases = Gen.Select(Cpu, Cpu, Memory, Memory)
        .Select((c1, c2, m1, m2) => new[] { Min(c1, c2), Max(c1, c2), Min(m1, m2), Max(m1, m2) });

    /// <summary>Each property written by the overlay or left to the base (null).</summary>
    private static readonly Gen<string?[]> Overlays = Gen.Select(
        Gen.Select(Gen.Bool, Cpu, (set, value) => set ? value : null),
        Gen.Select(Gen.Bool, Cpu, (set, value) => set ? value : null),
        Gen.Select(Gen.Bool, Memory, (set, value) => set ? value : null),
        Gen.Select(Gen.Bool, Memory, (set, value) => set ? value : null))
        .Select((a, b, c, d) => new[] { a, b, c, d });

    [Fact]
    public void An_overlay_adds_findings_only_on_itself_and_refuses_its_environment_exactly_when_Kubernetes_would() =>
        Gen.Select(Bases, Overlays).Sample((declared, overlay) =>
        {
            var resources = ("Resources", Properties.Select((p, i) => (p, (object)declared[i])).ToArray());
            var baseFindings = Rulebook.Check(Declarations.Service(resources));
            var overlayArguments = new List<(string, object)> { ("Name", "production") };
            overlayArguments.AddRange(Properties.Select((p, i) => (p, (object?)overlay[i])).Where(a => a.Item2 is not null).Select(a => (a.p, a.Item2!)));
            var withOverlay = Rulebook.Check(Declarations.Service(resources, ("EnvironmentOverlay", overlayArguments.ToArray())));

            Assert.DoesNotContain(baseFindings, f => f.Rule.Severity == RuleSeverity.Error);
            var added = withOverlay.Where(f => !baseFindings.Any(b => b.Rule.Id == f.Rule.Id && b.Site == f.Site)).ToList();
            Assert.All(added, f => Assert.Equal(2, f.Site.Attribute));

            // The environment as it runs: the overlay's values in place of the base's.
            var running = Properties.Select((_, i) => overlay[i] ?? declared[i]).ToArray();
            var refused = Above(running[0], running[1]) || Above(running[2], running[3]);
            Assert.Equal(refused, added.Any(f => f.Rule.Id == RuleCatalog.RequestAboveLimit.Id));
        }, iter: 1_000, print: t => "base " + string.Join(", ", t.Item1) + "; overlay " + string.Join(", ", t.Item2.Select(v => v ?? "-")));
}
