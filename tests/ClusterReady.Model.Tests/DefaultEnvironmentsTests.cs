using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Tests;

/// <summary>
/// Why the rules judge only the environments an <c>[EnvironmentOverlay]</c> declares: the default ones never hold a
/// value the base does not. Staging is the base; production only raises the replicas and the autoscaler's minimum,
/// within the autoscaler's range, and keeps the base's resources and tag. No rule refuses more pods, so a finding in a
/// default environment would repeat one on the base.
/// </summary>
public sealed class DefaultEnvironmentsTests
{
    [Fact]
    public void Staging_is_the_base_and_production_only_raises_replicas_on_random_services()
    {
        var random = new Random(20_261_205);
        for (var i = 0; i < 5_000; i++)
        {
            var min = random.Next(0, 6);
            var model = new DeploymentModel
            {
                Name = "orders-api",
                Replicas = random.Next(0, 6),
                HighlyAvailable = random.Next(2) == 0,
                ImageTag = random.Next(2) == 0 ? null : "1.2.0",
                Resources = random.Next(2) == 0 ? null : new ResourcesModel { CpuRequest = "250m", MemoryLimit = "512Mi" },
                Autoscaling = random.Next(2) == 0 ? null : new AutoscalingModel { MinReplicas = min, MaxReplicas = min + random.Next(-2, 6) },
            };
            var baseReplicas = ModelResolver.BaseReplicas(model);

            var environments = ModelResolver.Environments(model);

            Assert.Equal([ModelDefaults.StagingEnvironment, ModelDefaults.ProductionEnvironment], environments.Select(e => e.Name));
            var (staging, production) = (environments[0], environments[1]);
            Assert.Equal(baseReplicas, staging.Replicas);
            Assert.Equal(model.Autoscaling?.MinReplicas, staging.MinReplicas);
            Assert.Equal(model.Autoscaling?.MaxReplicas, staging.MaxReplicas);
            foreach (var environment in environments)
            {
                Assert.Same(model.Resources, environment.Resources);
                Assert.Equal(model.ImageTag, environment.ImageTag);
                Assert.Equal(model.Autoscaling?.MaxReplicas, environment.MaxReplicas);
            }

            Assert.True(production.FewestReplicas >= staging.FewestReplicas, $"service {i}: production runs fewer pods than the base");
            if (model.Autoscaling is { } autoscaling && autoscaling.MinReplicas <= autoscaling.MaxReplicas)
            {
                Assert.InRange(production.MinReplicas!.Value, autoscaling.MinReplicas, autoscaling.MaxReplicas);
            }
            else if (model.Autoscaling is null)
            {
                Assert.True(production.Replicas >= baseReplicas, $"service {i}: production runs fewer replicas than the base");
            }
        }
    }
}
