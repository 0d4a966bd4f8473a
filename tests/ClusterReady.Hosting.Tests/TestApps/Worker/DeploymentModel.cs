using System.Reflection;

// A worker that declares no port: its health endpoints go to the management port (8081 unless overridden).
[assembly: AssemblyMetadata("ClusterReady.DeploymentModel", """
    {
      "name": "test-worker",
      "liveness": { "path": "/healthz/live" },
      "readiness": { "path": "/healthz/ready", "timeoutSeconds": 1 },
      "startup": { "path": "/healthz/startup" },
      "shutdown": { "drainDelaySeconds": 2, "shutdownTimeoutSeconds": 5 }
    }
    """)]
