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
internal sealed partial class DirectoryRepair : ISiloLifecycleParticipant, IDisposable
{
    /// <summary>Registrations in flight at once: enough to hide Redis round trips, few enough to leave Redis to the calls.</summary>
    private const int ConcurrentRegistrations = 16;

    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly CancellationTokenSource _stopping = new();
    private readonly Catalog _catalog;
    private readonly MembershipService _membership;
    private readonly MembershipOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private Task _loop = Task.CompletedTask;

    public DirectoryRepair(Catalog catalog, MembershipService membership, IOptions<MembershipOptions> options, TimeProvider timeProvider, ILogger<DirectoryRepair> logger)
    {
        _catalog = catalog;
        _membership = membership;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;

        // From construction on, so that a loss seen while the silo still starts is repaired once it has started.
        membership.OwnRowRestored += OnOwnRowRestored;
    }

    /// <summary>Stops with the first stage, so no repair runs while the silo drains its activations.</summary>
    public int Stage => SiloLifecycleStage.Active;

    public string ParticipantName => "grain directory repair";

    public Task OnStartAsync(CancellationToken cancellationToken)
    {
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task OnStopAsync(CancellationToken cancellationToken)
    {
        _membership.OwnRowRestored -= OnOwnRowRestored;
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _membership.OwnRowRestored -= OnOwnRowRestored;
        _stopping.Dispose();
    }

    /// <summary>Asks for a repair; requests made while one is pending collapse into it.</summary>
    private void OnOwnRowRestored() => _requests.Writer.TryWrite(true);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await _requests.Reader.WaitToReadAsync(cancellationToken))
        {
            _requests.Reader.TryRead(out _);

            // Activating ones too: they may have registered before the loss. Stateless workers have no activation
            // id, they are never in the directory.
            var pending = _catalog.Activations
                .Where(static a => a.ActivationId.Length > 0 && a.Status is ActivationStatus.Activating or ActivationStatus.Valid)
                .ToList();
            LogRepairing(_logger, pending.Count);
            var (kept, deactivated) = (0, 0);
            while (true)
            {
                var (failed, keptNow, deactivatedNow) = await RegisterAgainAsync(pending, cancellationToken);
                (kept, deactivated) = (kept + keptNow, deactivated + deactivatedNow);
                if (failed.Count == 0)
                {
                    break;
                }

                // Nothing else would ask again (the membership row is back), so retry the failed ones until they work.
                LogRepairFailed(_logger, failed.Count, _options.RefreshInterval);
                await Task.Delay(_options.RefreshInterval, _timeProvider, cancellationToken);
                pending = failed;
            }

            LogRepaired(_logger, kept, deactivated);
        }
    }

    /// <summary>Registers each activation again; returns those whose registration failed, and the counts of the others.</summary>
    private async Task<(List<ActivationData> Failed, int Kept, int Deactivated)> RegisterAgainAsync(List<ActivationData> activations, CancellationToken cancellationToken)
    {
        var failed = new System.Collections.Concurrent.ConcurrentBag<ActivationData>();
        var kept = 0;
        var deactivated = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentRegistrations, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(activations, parallel, async (activation, token) =>
        {
            try
            {
                if (await _catalog.RegisterAsync(activation, token) is { } winner)
                {
                    LogDuplicate(_logger, activation.GrainId, winner.Silo);
                    activation.Deactivate(DeactivationReason.DuplicateActivation);
                    Interlocked.Increment(ref deactivated);
                }
                else if (activation.Status is ActivationStatus.Deactivating or ActivationStatus.Invalid)
                {
                    // It deactivated while being registered, maybe after removing its entry: remove the one just written.
                    await _catalog.UnregisterAsync(activation);
                }
                else
                {
                    Interlocked.Increment(ref kept);
                }
            }
            catch (Exception exception) when (!token.IsCancellationRequested)
            {
                LogRegistrationFailed(_logger, exception, activation.GrainId);
                failed.Add(activation);
            }
        });

        return ([.. failed.Where(static a => a.Status is ActivationStatus.Activating or ActivationStatus.Valid)], kept, deactivated);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "The cluster store lost its data: registering {Count} activations in the grain directory again")]
    private static partial void LogRepairing(ILogger logger, int count);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Grain directory repaired: {Kept} activations registered again, {Deactivated} deactivated because another activation of their grain had registered first")]
    private static partial void LogRepaired(ILogger logger, int kept, int deactivated);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "{GrainId} was activated again on {Winner} while the directory was empty; deactivating this activation")]
    private static partial void LogDuplicate(ILogger logger, GrainId grainId, SiloAddress winner);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "Registering {Count} activations in the grain directory again failed; retrying them in {RetryIn}")]
    private static partial void LogRepairFailed(ILogger logger, int count, TimeSpan retryIn);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "Registering {GrainId} in the grain directory again failed")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception exception, GrainId grainId);
}
