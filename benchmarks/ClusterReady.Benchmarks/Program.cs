using System.Globalization;
using BenchmarkDotNet.Running;
using ClusterReady.Benchmarks.Compiler;
using ClusterReady.Benchmarks.Generator;
using ClusterReady.Benchmarks.Processes;

// dotnet run -c Release -- [BenchmarkDotNet options]   e.g. --filter '*Generator*' --job short
// dotnet run -c Release -- incrementality             share of generator steps reused after an edit
// dotnet run -c Release -- compiler-trace --dir <runs> --runs <n> --with <variant> --without <variant>
//     where ClusterReady's part of a cold compile goes, from <dir>/trace-<variant>-<i>.nettrace (run.sh compilertrace)
// dotnet run -c Release -- startup --bare <app> --clusterready <app> [--before <app>] [--env NAME=VALUE ...] [--port 18081] [--runs 10]
// dotnet run -c Release -- sigterm --app <name>=<app> [--app ...] [--port 18081] [--runs 10]
// dotnet run -c Release -- phases --app <name>=<app> [--serving-app <name>=<app>] ... [--env NAME=VALUE ...] [--port 18081] [--runs 10]
// dotnet run -c Release -- latency --port <app port> --ready-port <port> --rate <requests/s> [--ready-path /healthz/ready]
//     [--path /orders] [--seed-path /orders] [--seed 100] [--duration 60] [--warm 10] [--connections 64]
//     [--container <name>]
//     constant-rate load from the moment readiness answers 200, latency from each request's intended send time;
//     with --container, warms its own client up and then runs 'podman start <name>' (a container created beforehand)
// <app> is the path of a published app's executable (benchmarks/run.sh publishes them).
switch (args)
{
    case ["incrementality"]:
        return IncrementalityReport.Run(Console.Out);
    case ["compiler-trace", .. var options]:
        return CompilerTraceReport.Run(Single(options, "--dir"), Number(options, "--runs", 6), Single(options, "--with"), Single(options, "--without"), Console.Out);
    case ["startup", .. var options]:
        return StartupComparison.Run(
            Single(options, "--bare"),
            Single(options, "--clusterready"),
            All(options, "--before").SingleOrDefault(),
            Pairs(options, "--env").ToDictionary(),
            Number(options, "--port", 18081),
            Number(options, "--runs", 10),
            Console.Out);
    case ["sigterm", .. var options]:
        return DrainLatency.Run(Pairs(options, "--app"), Number(options, "--port", 18081), Number(options, "--runs", 10), Console.Out);
    case ["phases", .. var options]:
        // In the order given: the first app is the baseline of the differences.
        var phaseApps = options.Select((o, i) => (o, i))
            .Where(p => p.o is "--app" or "--serving-app" && p.i + 1 < options.Length)
            .Select(p => options[p.i + 1].Split('=', 2) is [var name, var path] ? (name, path, p.o == "--serving-app") : throw new ArgumentException($"{p.o} {options[p.i + 1]}: expected <name>=<path>"))
            .ToList();
        return StartupPhases.Run(phaseApps, Pairs(options, "--env").ToDictionary(), Number(options, "--port", 18081), Number(options, "--runs", 10), Console.Out);
    case ["latency", .. var options]:
        return ConstantRateLoad.Run(
            new LoadOptions(
                int.Parse(Single(options, "--port"), CultureInfo.InvariantCulture),
                int.Parse(Single(options, "--ready-port"), CultureInfo.InvariantCulture),
                All(options, "--ready-path").SingleOrDefault() ?? "/healthz/ready",
                All(options, "--path").SingleOrDefault() ?? "/orders",
                All(options, "--seed-path").SingleOrDefault() ?? "/orders",
                Number(options, "--seed", 100),
                double.Parse(Single(options, "--rate"), CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(Number(options, "--duration", 60)),
                TimeSpan.FromSeconds(Number(options, "--warm", 10)),
                Number(options, "--connections", 64),
                All(options, "--container").SingleOrDefault()),
            Console.Out);
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
}

static IEnumerable<string> All(string[] options, string name) =>
    options.Select((o, i) => (o, i)).Where(p => p.o == name && p.i + 1 < options.Length).Select(p => options[p.i + 1]);

static List<(string, string)> Pairs(string[] options, string name) =>
    All(options, name).Select(a => a.Split('=', 2) is [var key, var value] ? (key, value) : throw new ArgumentException($"{name} {a}: expected <name>=<value>")).ToList();

static string Single(string[] options, string name) =>
    All(options, name).SingleOrDefault() ?? throw new ArgumentException($"{name} is required.");

static int Number(string[] options, string name, int fallback) =>
    All(options, name).SingleOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
