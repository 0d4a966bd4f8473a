using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using ClusterReady.EndToEnd.Tests.Infrastructure;

namespace ClusterReady.EndToEnd.Tests;

/// <summary>The package as a user gets it: packed, referenced from a feed by apps made from the SDK templates.</summary>
[Collection(DotnetCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PackageTests(PackagedApps apps)
{
    [Fact]
    public void The_package_carries_attributes_runtime_generator_targets_and_tool()
    {
        var entries = PackagedApps.Entries(apps.PackagePath);
        using var package = ZipFile.OpenRead(apps.PackagePath);

        // The attributes are compile-time only: apps compile against them (ref/) and never load them.
        Assert.Contains("ref/net10.0/ClusterReady.Abstractions.dll", entries);
        Assert.DoesNotContain("lib/net10.0/ClusterReady.Abstractions.dll", entries);
        Assert.Contains("lib/net10.0/ClusterReady.Model.dll", entries);
        Assert.Contains("lib/net10.0/ClusterReady.Hosting.dll", entries);

        // Apps compile against the hosting library's public API alone: its reference assembly, and not the model, which
        // runs in the app (lib/) but is no API of it.
        Assert.Contains("ref/net10.0/ClusterReady.Hosting.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("ref/net10.0/ClusterReady.Model", StringComparison.Ordinal));
        Assert.True(IsReferenceAssembly(package, "ref/net10.0/ClusterReady.Hosting.dll"), "ref/net10.0/ClusterReady.Hosting.dll is not a reference assembly");
        Assert.False(IsReferenceAssembly(package, "lib/net10.0/ClusterReady.Hosting.dll"), "lib/net10.0/ClusterReady.Hosting.dll has no code");
        Assert.DoesNotContain("ClusterReady.Model", AssemblyReferences(package, "ref/net10.0/ClusterReady.Hosting.dll"));

        Assert.Contains("lib-aspnetcore/net10.0/ClusterReady.Hosting.AspNetCore.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/ClusterReady.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/ClusterReady.Model.dll", entries);
        Assert.Contains("build/ClusterReady.props", entries);
        Assert.Contains("build/ClusterReady.targets", entries);
        Assert.Contains("build/ClusterReady.Composition.targets", entries);
        Assert.Contains("buildTransitive/ClusterReady.targets", entries);
        Assert.Contains("tools/net10.0/ClusterReady.Tool.dll", entries);
        Assert.Contains("tools/net10.0/KubernetesClient.Aot.dll", entries);
        if (OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64)
        {
            // Packed on linux-x64, the package also has the tool and the Compose healthcheck's probe compiled Native AOT
            // for linux-x64, and only the executables.
            Assert.Equal(["tools/linux-x64/ClusterReady.Tool", "tools/linux-x64/clusterready-probe"],
                entries.Where(e => e.StartsWith("tools/linux-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

            // The runtime libraries carry ReadyToRun code in lib/; apps compile against IL metadata in ref/.
            foreach (var library in new[] { "ClusterReady.Hosting.dll", "ClusterReady.Model.dll" })
            {
                Assert.True(HasReadyToRunCode(package, "lib/net10.0/" + library), $"lib/net10.0/{library} has no ReadyToRun code");
            }

            Assert.False(HasReadyToRunCode(package, "ref/net10.0/ClusterReady.Hosting.dll"), "ref/net10.0/ClusterReady.Hosting.dll is not IL only");

            // The generator and the model it runs on also with ReadyToRun code, for compilers running on linux-x64: the
            // same assemblies as the IL copies (same metadata), and the code fixes beside them byte for byte.
            Assert.Equal(
                ["precompiled-analyzers/linux-x64/ClusterReady.CodeFixes.dll", "precompiled-analyzers/linux-x64/ClusterReady.Generators.dll", "precompiled-analyzers/linux-x64/ClusterReady.Model.dll"],
                entries.Where(e => e.StartsWith("precompiled-analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            foreach (var assembly in new[] { "ClusterReady.Generators.dll", "ClusterReady.Model.dll" })
            {
                Assert.True(HasReadyToRunCode(package, "precompiled-analyzers/linux-x64/" + assembly), $"the precompiled {assembly} has no ReadyToRun code");
                Assert.False(HasReadyToRunCode(package, "analyzers/dotnet/cs/" + assembly), $"analyzers/dotnet/cs/{assembly} is not IL only");
                Assert.Equal(Mvid(package, "analyzers/dotnet/cs/" + assembly), Mvid(package, "precompiled-analyzers/linux-x64/" + assembly));
            }

            Assert.Equal(ReadEntry(package, "analyzers/dotnet/cs/ClusterReady.CodeFixes.dll"), ReadEntry(package, "precompiled-analyzers/linux-x64/ClusterReady.CodeFixes.dll"));

            // The compiler's copy of the model is the netstandard2.0 build (an SDK 8 compiler must load it), not lib/'s.
            Assert.NotEqual(Mvid(package, "analyzers/dotnet/cs/ClusterReady.Model.dll"), Mvid(package, "lib/net10.0/ClusterReady.Model.dll"));
        }

        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("AspNetCore", StringComparison.Ordinal));

        using var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!).ToList();
        Assert.Contains("Microsoft.Extensions.Hosting", dependencies);
        Assert.Contains("Microsoft.Extensions.Diagnostics.HealthChecks", dependencies);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("ClusterReady", StringComparison.Ordinal));
        Assert.DoesNotContain(dependencies, d => d.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("web", "ShopApi", "shop-api", "aspnet")]
    [InlineData("worker", "ShopWorker", "shop-worker", "runtime")]
    public void A_new_app_from_the_sdk_template_publishes_its_deploy_folder(string template, string name, string service, string image)
    {
        var publish = apps.Publish(template, name);
        var deploy = new DeployFolder(publish, name);

        Assert.Contains($"FROM mcr.microsoft.com/dotnet/{image}:10.0", deploy.Read("Dockerfile"));
        Assert.Equal(service, deploy.Deployment.Metadata.Name);
        Assert.Equal(service, deploy.Model.Name);
        var container = deploy.Deployment.Spec.Template.Spec.Containers.Single();
        Assert.Equal("/healthz/ready", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("management", container.ReadinessProbe.HttpGet.Port.Value);

        // The runtime came with the package: web apps get the ASP.NET Core half, workers do not.
        Assert.True(File.Exists(Path.Combine(publish, "ClusterReady.Hosting.dll")));
        Assert.False(File.Exists(Path.Combine(publish, "ClusterReady.Abstractions.dll")), "the attributes are compile-time only");
        Assert.Equal(template == "web", File.Exists(Path.Combine(publish, "ClusterReady.Hosting.AspNetCore.dll")));
        Assert.False(File.Exists(Path.Combine(publish, "ClusterReady.Generators.dll")), "the generator must not ship with the app");
        Assert.Empty(Directory.GetFiles(publish, "ClusterReady.*.xml")); // the docs serve the IDE from the package only
        if (OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64)
        {
            // The Compose healthcheck's probe came with the package, executable (NuGet drops the bit; the targets set it).
            var probe = Path.Combine(publish, "clusterready-probe");
            Assert.True(File.Exists(probe), "publish did not copy clusterready-probe");
            Assert.True((File.GetUnixFileMode(probe) & UnixFileMode.UserExecute) != 0, "clusterready-probe is not executable");
            Assert.Contains("- /app/clusterready-probe\n", deploy.Read("compose.yaml"), StringComparison.Ordinal);
        }


        SchemaValidator.AssertValid(Path.Combine(deploy.Root, "kubernetes"));
    }

    [SkippableFact]
    public void The_native_tool_and_the_IL_tool_write_the_same_files()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64, "the package has a native tool for linux-x64 only");
        var (native, nativeLog) = apps.PublishAgain("web", "ShopApi", "native");
        var (il, ilLog) = apps.PublishAgain("web", "ShopApi", "il", "ClusterReadyUseNativeTool=false");

        // Which tool ran, from the command MSBuild logged.
        Assert.Contains("/tools/linux-x64/ClusterReady.Tool\" --output", nativeLog, StringComparison.Ordinal);
        Assert.DoesNotContain("/tools/linux-x64/ClusterReady.Tool", ilLog, StringComparison.Ordinal);
        Assert.Contains("/tools/net10.0/ClusterReady.Tool.dll", ilLog, StringComparison.Ordinal);

        AssertSameDeployFiles(native, il);
    }

    [SkippableFact]
    public void The_compiler_runs_the_precompiled_generator_on_linux_x64_last_in_its_list_and_it_writes_what_the_IL_generator_writes()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64, "the package precompiles the generator for linux-x64");

        // Intermediate folders of their own: an unchanged compilation would be skipped, and with it the command line.
        var (precompiled, precompiledLog) = apps.PublishAgain("web", "ShopApi", "precompiled-generator", "IntermediateOutputPath=obj/precompiled-generator/");
        var (il, ilLog) = apps.PublishAgain("web", "ShopApi", "il-generator", "IntermediateOutputPath=obj/il-generator/", "ClusterReadyUsePrecompiledGenerator=false");

        // What the compiler was given, from the command line MSBuild logged.
        Assert.Equal(
            ["/precompiled-analyzers/linux-x64/ClusterReady.CodeFixes.dll", "/precompiled-analyzers/linux-x64/ClusterReady.Generators.dll", "/precompiled-analyzers/linux-x64/ClusterReady.Model.dll"],
            ClusterReadyAnalyzers(precompiledLog));
        Assert.Equal(
            ["/analyzers/dotnet/cs/ClusterReady.CodeFixes.dll", "/analyzers/dotnet/cs/ClusterReady.Generators.dll", "/analyzers/dotnet/cs/ClusterReady.Model.dll"],
            ClusterReadyAnalyzers(ilLog));

        // Last in the list, after the SDK's and the framework's generators: the compiler runs generators in list order, and
        // the first pays the compilation's first-use costs, which are then not reported as ClusterReady's.
        AssertClusterReadyAnalyzersLast(precompiledLog);
        AssertClusterReadyAnalyzersLast(ilLog);

        AssertSameDeployFiles(il, precompiled);
        AssertSameDeployFiles(apps.Publish("web", "ShopApi"), precompiled);

        static string CompileCommand(string log) =>
            log.Split('\n').Single(l => l.Contains("/csc ", StringComparison.Ordinal) && l.Contains("/analyzer:", StringComparison.Ordinal));

        static string[] ClusterReadyAnalyzers(string log) =>
            System.Text.RegularExpressions.Regex.Matches(CompileCommand(log), @"/analyzer:\S*?/clusterready/[^/]+(/\S*ClusterReady\.\w+\.dll)")
                .Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToArray();

        static void AssertClusterReadyAnalyzersLast(string log)
        {
            var analyzers = System.Text.RegularExpressions.Regex.Matches(CompileCommand(log), @"/analyzer:(\S+)").Select(m => m.Groups[1].Value).ToList();
            var ours = analyzers.FindIndex(a => a.Contains("/clusterready/", StringComparison.Ordinal));
            Assert.True(ours > 0, $"no ClusterReady analyzer, or ClusterReady's first, in: {string.Join(' ', analyzers)}");
            Assert.All(analyzers[ours..], a => Assert.Contains("/clusterready/", a, StringComparison.Ordinal));
            Assert.Contains(analyzers[..ours], a => a.EndsWith("/Microsoft.Extensions.Validation.ValidationsGenerator.dll", StringComparison.Ordinal));
        }
    }

    [SkippableFact]
    public void A_native_tool_that_cannot_start_gives_way_to_the_IL_tool()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "the native tool runs on Linux and macOS");
        using var temp = new TempDirectory("native-tool");

        // What the shell reports for an executable the loader cannot start (say, a glibc older than the tool needs).
        var cannotStart = temp.Path("ClusterReady.Tool");
        File.WriteAllText(cannotStart, "#!/bin/sh\nexit 127\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cannotStart, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var (fallback, log) = apps.PublishAgain("worker", "ShopWorker", "fallback", $"ClusterReadyNativeToolPath={cannotStart}");

        Assert.Contains("warning CRB0004: the native build tool could not start (exit code 127)", log, StringComparison.Ordinal);
        AssertSameDeployFiles(apps.Publish("worker", "ShopWorker"), fallback);
    }

    [SkippableFact]
    public void An_app_published_for_a_runtime_and_ReadyToRun_builds_and_keeps_the_precompiled_libraries()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64, "the package precompiles for linux-x64");

        // A RID-specific build compiles against the references with a processor check (CS8012 for a ReadyToRun image),
        // and the app's own ReadyToRun step meets libraries that are precompiled already.
        var (publish, log) = apps.PublishAgain("worker", "ShopWorker", "readytorun", "RuntimeIdentifier=linux-x64", "SelfContained=false", "PublishReadyToRun=true");
        Assert.DoesNotContain("CS8012", log, StringComparison.Ordinal);

        using var package = ZipFile.OpenRead(apps.PackagePath);
        Assert.Equal(ReadEntry(package, "lib/net10.0/ClusterReady.Hosting.dll"), File.ReadAllBytes(Path.Combine(publish, "ClusterReady.Hosting.dll")));
        AssertSameDeployFiles(apps.Publish("worker", "ShopWorker"), publish);
    }

    [SkippableFact]
    public async Task A_Native_AOT_worker_with_the_package_has_no_trim_warnings_and_answers_its_probes()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64, "Native AOT is checked on linux-x64");

        // ILC on one thread, as the repository's own AOT builds (Directory.Build.props: dotnet/runtime#122845).
        var (publish, log) = apps.PublishAgain("worker", "ShopWorker", "aot", "RuntimeIdentifier=linux-x64", "PublishAot=true", "IlcSingleThreaded=true");

        // ILLink and ILC report IL2xxx/IL3xxx warnings against the assembly they come from.
        Assert.DoesNotMatch(@"warning IL[23]\d{3}[^\n]*ClusterReady", log);
        var executable = Path.Combine(publish, "ShopWorker");
        Assert.True(File.Exists(executable), $"no native executable in {publish}");

        using var app = await ReadyAppAsync(executable);
    }

    [SkippableFact]
    public async Task A_packaged_worker_holds_its_options_to_the_grace_period_the_generator_embedded()
    {
        var publish = apps.Publish("worker", "ShopWorker");
        var executable = Path.Combine(publish, "ShopWorker");

        // An override that fits the pod's grace period (1 + 10 + 5 = 16 s) starts as before.
        using (await ReadyAppAsync(executable, ("ClusterReady__DrainDelay", "00:00:01")))
        {
        }

        // One that does not is refused at start, with the numbers the generator embedded for the manifest.
        var start = new System.Diagnostics.ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ClusterReady__ManagementPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ClusterReady__DrainDelay"] = "00:01:00";
        using var refused = System.Diagnostics.Process.Start(start)!;
        var output = refused.StandardOutput.ReadToEndAsync();
        var error = refused.StandardError.ReadToEndAsync();
        Assert.True(refused.WaitForExit(TimeSpan.FromSeconds(30)), "the app started although its drain outlasts the grace period");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(
            "ClusterReady:DrainDelay = 00:01:00 plus ClusterReady:ShutdownTimeout = 00:00:10 and the manifest's 5 s margin end 75 s after SIGTERM, "
            + "past terminationGracePeriodSeconds: 16 in the manifest of shop-worker",
            await output + await error,
            StringComparison.Ordinal);
    }

    /// <summary>Starts an app with a free management port and waits until its readiness probe answers 200.</summary>
    private static async Task<RunningApp> ReadyAppAsync(string executable, params (string Name, string Value)[] environment)
    {
        var port = FreePort.Next();
        var start = new System.Diagnostics.ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ClusterReady__ManagementPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var app = new RunningApp(System.Diagnostics.Process.Start(start)!);
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            System.Net.HttpStatusCode? status = null;
            while (DateTime.UtcNow < deadline && status != System.Net.HttpStatusCode.OK && !app.Process.HasExited)
            {
                try
                {
                    status = (await client.GetAsync($"http://127.0.0.1:{port}/healthz/ready")).StatusCode;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet, or a first answer slower than the client's limit on a loaded machine.
                }

                if (status != System.Net.HttpStatusCode.OK)
                {
                    await Task.Delay(50);
                }
            }

            Assert.Equal(System.Net.HttpStatusCode.OK, status);
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    private sealed class RunningApp(System.Diagnostics.Process process) : IDisposable
    {
        public System.Diagnostics.Process Process { get; } = process;

        public void Dispose()
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
            Process.Dispose();
        }
    }

    private static bool HasReadyToRunCode(ZipArchive package, string path) =>
        ReadAssembly(package, path, (reader, _) => reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0);

    private static bool IsReferenceAssembly(ZipArchive package, string path) =>
        ReadAssembly(package, path, (_, metadata) => metadata.GetAssemblyDefinition().GetCustomAttributes()
            .Select(handle => metadata.GetCustomAttribute(handle).Constructor)
            .Where(constructor => constructor.Kind == HandleKind.MemberReference)
            .Select(constructor => metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent)
            .Where(type => type.Kind == HandleKind.TypeReference)
            .Any(type => metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)type).Name) == "ReferenceAssemblyAttribute"));

    private static List<string> AssemblyReferences(ZipArchive package, string path) =>
        ReadAssembly(package, path, (_, metadata) =>
            metadata.AssemblyReferences.Select(handle => metadata.GetString(metadata.GetAssemblyReference(handle).Name)).ToList());

    private static Guid Mvid(ZipArchive package, string path) =>
        ReadAssembly(package, path, (_, metadata) => metadata.GetGuid(metadata.GetModuleDefinition().Mvid));

    /// <summary>Reads one assembly of the package with System.Reflection.Metadata.</summary>
    private static T ReadAssembly<T>(ZipArchive package, string path, Func<PEReader, MetadataReader, T> read)
    {
        using var reader = new PEReader(new MemoryStream(ReadEntry(package, path)));
        return read(reader, reader.GetMetadataReader());
    }

    private static byte[] ReadEntry(ZipArchive package, string path)
    {
        using var stream = new MemoryStream();
        using (var entry = package.GetEntry(path)!.Open())
        {
            entry.CopyTo(stream);
        }

        return stream.ToArray();
    }

    private static void AssertSameDeployFiles(string expectedPublish, string actualPublish)
    {
        static Dictionary<string, string> Files(string publish)
        {
            var deploy = Path.Combine(publish, "deploy");
            return Directory.EnumerateFiles(deploy, "*", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) != ".clusterready-files")
                .ToDictionary(f => Path.GetRelativePath(deploy, f), File.ReadAllText, StringComparer.Ordinal);
        }

        var expected = Files(expectedPublish);
        var actual = Files(actualPublish);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, text) in expected)
        {
            Assert.True(text == actual[path], $"deploy/{path} differs:\n--- expected\n{text}\n--- actual\n{actual[path]}");
        }
    }
}
