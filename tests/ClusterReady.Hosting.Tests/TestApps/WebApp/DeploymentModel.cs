using System.Reflection;

// What the generator will embed: paths, a management port, a 1 s probe timeout and short shutdown timings, so that
// the tests see the model's values at work. Tests override the port numbers on the command line.
[assembly: AssemblyMetadata("ClusterReady.DeploymentModel", """
    {
      "name": "test-web",
      "ports": [
        { "name": "http", "port": 8080 },
        { "name": "management", "port": 9091, "management": true }
      ],
      "liveness": { "path": "/live", "port": "management" },
      "readiness": { "path": "/ready", "port": "management", "timeoutSeconds": 1 },
      "startup": { "path": "/started", "port": "management" },
      "shutdown": { "drainDelaySeconds": 2, "shutdownTimeoutSeconds": 5 }
    }
    """)]
