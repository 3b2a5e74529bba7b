using System.Threading.Channels;
using GameCluster.Hosting;
using GameCluster.Membership;
using GameCluster.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameCluster.GrainDirectory;

/// <summary>
/// Registers this silo's activations in the grain directory again after the store that holds membership and the
/// directory lost its data (Redis restarted without persistence, seen as this silo's membership row missing).
/// Without it, a silo that looks up a grain it has not cached finds no entry and activates the grain a second time.
/// When another activation registered the grain first (made by such a lookup before this repair ran), the local one
/// deactivates: each grain is left with the one activation the directory names, and requests waiting here are
/// forwarded to it.
/// </summary>
internal sealed partial class DirectoryRepair(
    Catalog catalog,
    MembershipService membership,
    IOptions<MembershipOptions> options,
    TimeProvider timeProvider,
    ILogger<DirectoryRepair> logger) : ISiloLifecycleParticipant, IDisposable
{
    /// <summary>Registrations in flight at once: enough to hide Redis round trips, few enough to leave Redis to the calls.</summary>
    private const int ConcurrentRegistrations = 16;

    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Stops with the first stage, so no repair runs while the silo drains its activations.</summary>
    public int Stage => SiloLifecycleStage.Active;

    public string ParticipantName => "grain directory repair";

    public Task OnStartAsync(CancellationToken cancellationToken)
    {
        membership.OwnRowRestored += OnOwnRowRestored;
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        membership.OwnRowRestored -= OnOwnRowRestored;
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Asks for a repair; requests made while one is pending collapse into it.</summary>
    private void OnOwnRowRestored() => _requests.Writer.TryWrite(true);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await _requests.Reader.WaitToReadAsync(cancellationToken))
        {
            _requests.Reader.TryRead(out _);
            while (true)
            {
                try
                {
                    await RepairAsync(cancellationToken);
                    break;
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // Nothing else would ask again (the membership row is back), so keep trying until it works.
                    var retryIn = options.Value.RefreshInterval;
                    LogRepairFailed(logger, exception, retryIn);
                    await Task.Delay(retryIn, timeProvider, cancellationToken);
                }
            }
        }
    }

    private async Task RepairAsync(CancellationToken cancellationToken)
    {
        // Stateless workers have no activation id: they are never in the directory.
        var registered = catalog.Activations
            .Where(static a => a.ActivationId.Length > 0 && a.Status == ActivationStatus.Valid)
            .ToList();
        LogRepairing(logger, registered.Count);
        var kept = 0;
        var deactivated = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentRegistrations, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(registered, parallel, async (activation, token) =>
        {
            if (await catalog.RegisterAsync(activation, token) is { } winner)
            {
                LogDuplicate(logger, activation.GrainId, winner.Silo);
                activation.Deactivate(DeactivationReason.DuplicateActivation);
                Interlocked.Increment(ref deactivated);
            }
            else if (activation.Status != ActivationStatus.Valid)
            {
                // It deactivated while being registered, maybe after removing its entry: remove the one just written.
                await catalog.UnregisterAsync(activation);
            }
            else
            {
                Interlocked.Increment(ref kept);
            }
        });

        LogRepaired(logger, kept, deactivated);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "The cluster store lost its data: registering {Count} activations in the grain directory again")]
    private static partial void LogRepairing(ILogger logger, int count);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Grain directory repaired: {Kept} activations registered again, {Deactivated} deactivated because another activation of their grain had registered first")]
    private static partial void LogRepaired(ILogger logger, int kept, int deactivated);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "{GrainId} was activated again on {Winner} while the directory was empty; deactivating this activation")]
    private static partial void LogDuplicate(ILogger logger, GrainId grainId, SiloAddress winner);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "Registering this silo's activations in the grain directory again failed; retrying in {RetryIn}")]
    private static partial void LogRepairFailed(ILogger logger, Exception exception, TimeSpan retryIn);
}
