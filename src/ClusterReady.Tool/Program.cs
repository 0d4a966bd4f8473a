using ClusterReady.Manifests;
using ClusterReady.Model;
using ClusterReady.Model.Contract;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;
using ClusterReady.Model.Rules;
using ClusterReady.Tool;

// Called by ClusterReady's MSBuild targets after build and publish. Errors are printed in MSBuild's canonical
// format ("origin: error CODE: message") so they show up in the build output and fail the build.
// 'compose' writes the Compose files of a composition of services instead (ClusterReady.Composition.targets).
return args is ["compose", .. var rest]
    ? ComposeCommand.Run(rest, Console.Out, Console.Error)
    : DeployCommand.Run(args, Console.Out, Console.Error);

namespace ClusterReady.Tool
{
    internal static class DeployCommand
    {
        private const string Usage =
            "usage: ClusterReady.Tool --assembly <path.dll> --output <deploy dir> --assembly-name <name> " +
            "--version <version> --target-framework <tfm> --web <true|false> [--helm-chart <true|false>] [--compose <true|false>] [--project-dir <dir>] " +
            "[--container-settings <file>] [--image-digest <sha256:...> [--published-repository <registry/repository>]]";

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            if (!Options.TryParse(args, out var options, out var problem))
            {
                error.WriteLine($"ClusterReady: error CRB0001: {problem}. {Usage}");
                return 2;
            }

            var (declaration, exitCode) = Declarations.Read(options.AssemblyPath, error);
            if (declaration is null)
            {
                if (exitCode == 0)
                {
                    WriteContainerSettings(options, "");
                    output.WriteLine(
                        $"ClusterReady: no [KubernetesService] class in {options.AssemblyName}; no deploy artifacts written. " +
                        "Add [KubernetesService] to a class (e.g. 'public partial class Program;'), or set ClusterReadyDeploy=false.");
                }

                return exitCode;
            }

            // The analyzers' own rules, on the attributes as declared: a value that slipped past them (a suppressed or
            // switched-off analyzer, a build without the IDE) fails here with the same id, message and help link.
            if (!RulesPass(declaration, output, error))
            {
                return 1;
            }

            var result = DeployArtifacts.Create(options.Request(declaration));
            if (!Declarations.Succeeded(result, error))
            {
                return 1;
            }

            DeployArtifacts.WriteTo(options.OutputDirectory, result.Files);
            WriteContainerSettings(options, result.ContainerSettings);
            output.WriteLine($"ClusterReady: {options.AssemblyName} -> {Path.GetFullPath(options.OutputDirectory)}");
            return 0;
        }

        /// <summary>
        /// The image's values for the SDK's container publishing, which the build targets read (empty: no service). Written
        /// on every run, as the targets' up-to-date check compares its time with the inputs'.
        /// </summary>
        private static void WriteContainerSettings(Options options, string settings)
        {
            if (options.ContainerSettingsPath is { } path)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(path, settings);
            }
        }

        /// <summary>Runs the rulebook on the declaration; prints each error as MSBuild reads it. False: do not write.</summary>
        private static bool RulesPass(ServiceDeclaration declaration, TextWriter output, TextWriter error)
        {
            var failed = false;
            foreach (var finding in Rulebook.Check(declaration))
            {
                if (finding.Rule.Severity == RuleSeverity.Error)
                {
                    failed = true;
                    error.WriteLine(Declarations.ErrorLine(finding, Rulebook.Describe(declaration, finding.Site)));
                }
            }

            if (failed)
            {
                output.WriteLine("ClusterReady: the attributes break the rules above; no deploy artifacts written.");
            }

            return !failed;
        }
    }

    /// <summary>The declaration embedded in a compiled service, and the artifacts' errors, as both commands report them.</summary>
    internal static class Declarations
    {
        /// <summary>The declaration; null with exit code 0 when the assembly has none, or 1 after an error was printed.</summary>
        public static (ServiceDeclaration? Declaration, int ExitCode) Read(string assemblyPath, TextWriter error)
        {
            string? json;
            try
            {
                json = EmbeddedModelReader.ReadJson(assemblyPath);
            }
            catch (Exception exception) when (exception is IOException or BadImageFormatException or UnauthorizedAccessException)
            {
                error.WriteLine($"{assemblyPath}: error CRB0002: cannot read the compiled assembly: {exception.Message}");
                return (null, 1);
            }

            if (json is null)
            {
                return (null, 0);
            }

            try
            {
                return (DeclarationJson.Read(json), 0);
            }
            catch (FormatException exception)
            {
                error.WriteLine(
                    $"{assemblyPath}: error CRB0003: the embedded ClusterReady declaration is not readable ({exception.Message}). " +
                    "The ClusterReady generator and build tool versions must match: restore and rebuild.");
                return (null, 1);
            }
        }

        /// <summary>A rule's error as MSBuild reads it: id, where (<paramref name="site"/>), message and help link.</summary>
        public static string ErrorLine(Finding finding, string site) =>
            $"ClusterReady: error {finding.Rule.Id}: [{site}] {finding.Message} ({finding.Rule.HelpLink})";

        /// <summary>Prints the errors of <paramref name="result"/> as MSBuild reads them; true when there are none.</summary>
        public static bool Succeeded(ArtifactResult result, TextWriter error)
        {
            foreach (var artifactError in result.Errors)
            {
                error.WriteLine($"ClusterReady: error CRB0100: [{artifactError.Property}] {artifactError.Message}");
            }

            return result.Errors.Count == 0;
        }
    }

    /// <summary>Reads <c>appsettings.{Environment}.json</c> files of the project, for per-environment ConfigMaps.</summary>
    internal static class AppSettings
    {
        public static IReadOnlyDictionary<string, string> Read(string? projectDirectory)
        {
            var byEnvironment = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (projectDirectory is null || !Directory.Exists(projectDirectory))
            {
                return byEnvironment;
            }

            foreach (var file in Directory.EnumerateFiles(projectDirectory, "appsettings.*.json"))
            {
                var environment = Path.GetFileName(file)["appsettings.".Length..^".json".Length];
                if (environment.Length > 0 && !environment.Contains('.') && environment != "Development")
                {
                    byEnvironment[environment] = File.ReadAllText(file);
                }
            }

            return byEnvironment;
        }
    }

    internal sealed record Options(
        string AssemblyPath,
        string OutputDirectory,
        string AssemblyName,
        string Version,
        string TargetFramework,
        bool IsWeb,
        string? ProjectDirectory,
        bool HelmChart = true,
        bool Compose = true,
        string? ContainerSettingsPath = null,
        string? ImageDigest = null,
        string? PublishedRepository = null)
    {
        /// <summary>What the artifacts are made from: the declaration resolved, and this project's facts.</summary>
        public ArtifactRequest Request(ServiceDeclaration declaration) => new()
        {
            Model = ModelResolver.Resolve(declaration),
            AssemblyName = AssemblyName,
            AssemblyVersion = Version,
            TargetFramework = TargetFramework,
            IsWebProject = IsWeb,
            AppSettingsByEnvironment = AppSettings.Read(ProjectDirectory),
            HelmChart = HelmChart,
            Compose = Compose,
            ImageDigest = ImageDigest,
            PublishedRepository = PublishedRepository,
        };

        /// <summary>'--name value' pairs; null with <paramref name="problem"/> set when an argument is not one.</summary>
        public static Dictionary<string, string>? ReadPairs(string[] args, out string problem)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    problem = $"unexpected argument '{args[i]}'";
                    return null;
                }

                values[args[i][2..]] = args[++i];
            }

            problem = "";
            return values;
        }

        public static bool TryParse(string[] args, out Options options, out string problem)
        {
            if (ReadPairs(args, out problem) is not { } values)
            {
                options = null!;
                return false;
            }

            string? Get(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

            foreach (var required in new[] { "assembly", "output", "assembly-name", "version", "target-framework", "web" })
            {
                if (Get(required) is null)
                {
                    options = null!;
                    problem = $"missing --{required}";
                    return false;
                }
            }

            options = new Options(
                Get("assembly")!,
                Get("output")!,
                Get("assembly-name")!,
                Get("version")!,
                Get("target-framework")!,
                string.Equals(Get("web"), "true", StringComparison.OrdinalIgnoreCase),
                Get("project-dir"),
                !string.Equals(Get("helm-chart"), "false", StringComparison.OrdinalIgnoreCase),
                !string.Equals(Get("compose"), "false", StringComparison.OrdinalIgnoreCase),
                Get("container-settings"),
                Get("image-digest"),
                Get("published-repository"));
            problem = "";
            return true;
        }
    }
}
