using System.Diagnostics;
using GameCluster.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.Hosting;

/// <summary>Every collection quantum, deactivates activations that were idle longer than their collection age.</summary>
internal sealed partial class ActivationCollector(Catalog catalog, IOptions<GrainCollectionOptions> options, TimeProvider timeProvider, ILogger<ActivationCollector> logger)
    : ISiloLifecycleParticipant, IDisposable
{
    private ITimer? _timer;

    public int Stage => SiloLifecycleStage.Runtime;

    public string ParticipantName => "activation collector";

    public Task OnStartAsync(CancellationToken cancellationToken)
    {
        var quantum = options.Value.CollectionQuantum;
        _timer = timeProvider.CreateTimer(static state => ((ActivationCollector)state!).Collect(), this, quantum, quantum);
        return Task.CompletedTask;
    }

    public Task OnStopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    private void Collect()
    {
        var collected = catalog.CollectIdle(Environment.TickCount64);
        if (collected > 0)
        {
            LogCollected(logger, collected);
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug, Message = "Collecting {Count} idle activations")]
    private static partial void LogCollected(ILogger logger, int count);
}
