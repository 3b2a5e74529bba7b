using GameCluster.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GameCluster.Silo;

/// <summary>Ready while the silo is active; not ready while starting or shutting down.</summary>
internal sealed class SiloHealthCheck(SiloStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.State == SiloState.Active
            ? HealthCheckResult.Healthy("The silo is active.")
            : HealthCheckResult.Unhealthy($"The silo is {status.State}."));
}
