using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GameCluster.Hosting;

/// <summary>Starts the silo's participants in stage order and stops them in reverse order.</summary>
internal sealed partial class SiloHost(IEnumerable<ISiloLifecycleParticipant> participants, SiloStatus status, ILogger<SiloHost> logger) : IHostedService
{
    private readonly List<ISiloLifecycleParticipant> _participants = [.. participants.OrderBy(p => p.Stage)];
    private readonly List<ISiloLifecycleParticipant> _started = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        foreach (var participant in _participants)
        {
            LogStarting(logger, participant.ParticipantName, participant.Stage);
            await participant.OnStartAsync(cancellationToken);
            _started.Add(participant);
        }

        status.Set(SiloState.Active);
        LogStarted(logger, watch.ElapsedMilliseconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        status.Set(SiloState.ShuttingDown);
        LogStopping(logger);
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            var participant = _started[i];
            try
            {
                await participant.OnStopAsync(cancellationToken);
            }
            catch (Exception exception)
            {
                LogStopFailed(logger, exception, participant.ParticipantName);
            }
        }

        _started.Clear();
        status.Set(SiloState.Stopped);
        LogStopped(logger, watch.ElapsedMilliseconds);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Starting {Participant} (stage {Stage})")]
    private static partial void LogStarting(ILogger logger, string participant, int stage);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Silo started in {ElapsedMs} ms")]
    private static partial void LogStarted(ILogger logger, long elapsedMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Silo stopping: draining requests and deactivating grains")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Stopping {Participant} failed")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string participant);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Silo stopped in {ElapsedMs} ms")]
    private static partial void LogStopped(ILogger logger, long elapsedMs);
}
