using System.Collections.Immutable;
using ClusterReady;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Benchmarks.Generator;

/// <summary>Which generator a synthetic project is written for.</summary>
internal enum GeneratorSubject
{
    /// <summary>One <c>[KubernetesService]</c> class among the ordinary files.</summary>
    ClusterReady,

    /// <summary>One partial class of <c>[LoggerMessage]</c> methods among the same ordinary files.</summary>
    LoggerMessage,
}

/// <summary>
/// A compilation the size of a real service: <see cref="FileCount"/> files, all but one ordinary code, the last one the
/// input of the generator under test. Both subjects get the same ordinary files and the same references, so the two
/// generators are compared on the same amount of code.
/// </summary>
internal sealed class SyntheticProject
{
    public const int FileCount = 500;

    /// <summary>The ordinary file that <see cref="UnrelatedEdit"/> edits: in the middle, far from the generator's input.</summary>
    private const int EditedFile = FileCount / 2;

    private static readonly Lazy<ImmutableArray<MetadataReference>> SharedReferences = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "netstandard.dll" or "mscorlib.dll"));
        return platform
            .Append(typeof(KubernetesServiceAttribute).Assembly.Location)
            .Append(typeof(LoggerMessageAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    private SyntheticProject(GeneratorSubject subject, ImmutableArray<SyntaxTree> trees)
    {
        Subject = subject;
        Trees = trees;
    }

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public GeneratorSubject Subject { get; }

    /// <summary>The parsed files; the generator's input is the last one.</summary>
    public ImmutableArray<SyntaxTree> Trees { get; }

    public static SyntheticProject Create(GeneratorSubject subject)
    {
        var trees = ImmutableArray.CreateBuilder<SyntaxTree>(FileCount);
        for (var i = 0; i < FileCount - 1; i++)
        {
            trees.Add(Parse(OrdinaryFile(i), $"Domain/Module{i:D3}.cs"));
        }

        trees.Add(subject == GeneratorSubject.ClusterReady
            ? Parse(ServiceFile, "Deployment.cs")
            : Parse(LoggerMessageFile, "Log.cs"));
        return new SyntheticProject(subject, trees.MoveToImmutable());
    }

    /// <summary>A new compilation of the files (nothing bound yet, as at the start of a build).</summary>
    public CSharpCompilation Compile() => CSharpCompilation.Create(
        "Shop.Orders",
        Trees,
        SharedReferences.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// The edit a developer makes most often: a method body in a file unrelated to the generator's input changes. The
    /// tree is re-parsed incrementally from the old one, as the IDE does.
    /// </summary>
    public SyntaxTree UnrelatedEdit() => Edit(Trees[EditedFile], "return total;", "return total + 1;");

    /// <summary>A compilation with <see cref="UnrelatedEdit"/> applied to <paramref name="compilation"/>.</summary>
    public Compilation WithUnrelatedEdit(Compilation compilation, SyntaxTree editedTree) =>
        compilation.ReplaceSyntaxTree(Trees[EditedFile], editedTree);

    /// <summary>A file that adds a type, for the "new file" edit.</summary>
    public static SyntaxTree NewFile() => Parse(OrdinaryFile(FileCount), "Domain/Added.cs");

    /// <summary>The generator's input file with one attribute argument changed: the edit that must change the output.</summary>
    public SyntaxTree RelatedEdit() => Subject == GeneratorSubject.ClusterReady
        ? Edit(Trees[^1], "Replicas = 3", "Replicas = 4")
        : Edit(Trees[^1], "Order {OrderId} accepted", "Order {OrderId} was accepted");

    private static SyntaxTree Edit(SyntaxTree tree, string from, string to)
    {
        var text = tree.GetText();
        var start = text.ToString().IndexOf(from, StringComparison.Ordinal);
        return tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(start, from.Length), to)));
    }

    private static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(SourceText.From(text, System.Text.Encoding.UTF8), ParseOptions, path);

    /// <summary>About 50 lines of everyday code: a record, a service with LINQ, async and pattern matching, an extension.</summary>
    private static string OrdinaryFile(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Shop.Orders.Module{{i:D3}};

        public sealed record Item{{i}}(int Id, string Name, decimal Price, int Quantity)
        {
            public decimal Total => Price * Quantity;
        }

        public interface IItem{{i}}Store
        {
            Task<IReadOnlyList<Item{{i}}>> LoadAsync(CancellationToken cancellationToken);
        }

        public sealed class Item{{i}}Service(IItem{{i}}Store store)
        {
            private readonly Dictionary<int, Item{{i}}> _cache = new();

            public async Task<decimal> TotalAsync(CancellationToken cancellationToken)
            {
                var items = await store.LoadAsync(cancellationToken).ConfigureAwait(false);
                decimal total = 0;
                foreach (var item in items.Where(x => x.Quantity > 0).OrderBy(x => x.Name, StringComparer.Ordinal))
                {
                    _cache[item.Id] = item;
                    total += item switch
                    {
                        { Quantity: > 100 } => item.Total * 0.9m,
                        { Price: 0 } => 0,
                        _ => item.Total,
                    };
                }

                return total;
            }

            public Item{{i}}? Find(int id) => _cache.TryGetValue(id, out var item) ? item : null;

            public IEnumerable<string> Names() => _cache.Values.Select(x => x.Name).Distinct();
        }

        public static class Item{{i}}Extensions
        {
            public static string Describe(this Item{{i}} item) =>
                $"{item.Name} x{item.Quantity} at {item.Price:0.00}";
        }
        """;

    /// <summary>The service's attributes, every kind the generator reads.</summary>
    private const string ServiceFile = """
        using ClusterReady;

        namespace Shop.Orders;

        [KubernetesService("orders-api", Replicas = 3, HighlyAvailable = true, Namespace = "shop")]
        [ContainerImage("registry.example.com/shop/orders-api", Tag = "1.4.2")]
        [ContainerPort(8080)]
        [ContainerPort(8081, Management = true)]
        [LivenessProbe(PeriodSeconds = 15)]
        [ReadinessProbe("/ready", Port = "http", TimeoutSeconds = 3)]
        [StartupProbe(FailureThreshold = 60)]
        [Resources(CpuRequest = "250m", CpuLimit = "1", MemoryRequest = "256Mi", MemoryLimit = "512Mi")]
        [EnvironmentVariable("Logging__LogLevel__Default", "Information")]
        [SecretEnvironmentVariable("ConnectionStrings__Orders", "orders-db", "connection-string")]
        [SecretVolume("orders-signing-key", "/var/run/secrets/orders")]
        [ConfigMap("orders-features", MountPath = "/etc/orders/features")]
        [GracefulShutdown(DrainDelaySeconds = 10, ShutdownTimeoutSeconds = 30)]
        [Autoscaling(3, 10, CpuUtilization = 70)]
        [DisruptionBudget(MinAvailable = 2)]
        [Ingress("orders.example.com", TlsSecretName = "orders-tls", ClassName = "nginx")]
        [NetworkPolicy(AllowFromNamespaces = ["ingress-nginx"])]
        [EnvironmentOverlay("staging", Replicas = 2, ImageTag = "staging")]
        [EnvironmentOverlay("production", MinReplicas = 5, MaxReplicas = 20, MemoryLimit = "1Gi")]
        public sealed class Deployment;
        """;

    /// <summary>A logging class of the size a service typically has: a handful of messages with parameters.</summary>
    private const string LoggerMessageFile = """
        using System;
        using Microsoft.Extensions.Logging;

        namespace Shop.Orders;

        internal static partial class Log
        {
            [LoggerMessage(1, LogLevel.Information, "Order {OrderId} accepted")]
            public static partial void OrderAccepted(ILogger logger, int orderId);

            [LoggerMessage(2, LogLevel.Warning, "Order {OrderId} rejected: {Reason}")]
            public static partial void OrderRejected(ILogger logger, int orderId, string reason);

            [LoggerMessage(3, LogLevel.Error, "Payment for order {OrderId} failed")]
            public static partial void PaymentFailed(ILogger logger, int orderId, Exception exception);

            [LoggerMessage(4, LogLevel.Debug, "Cache hit for {Key} after {ElapsedMs} ms")]
            public static partial void CacheHit(ILogger logger, string key, double elapsedMs);

            [LoggerMessage(5, LogLevel.Information, "Shipped {Count} items to {Country}")]
            public static partial void Shipped(ILogger logger, int count, string country);
        }
        """;
}
