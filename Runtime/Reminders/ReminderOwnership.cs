using GameCluster.Membership;
using Microsoft.Extensions.DependencyInjection;

namespace GameCluster.Reminders;

/// <summary>
/// Which silo fires a reminder: in a cluster, the active silo that a stable hash of the grain id picks from the
/// sorted active silos, so each reminder fires once; a single silo fires all of them.
/// </summary>
internal sealed class ReminderOwnership(IServiceProvider services)
{
    private readonly MembershipService? _membership = services.GetService<MembershipService>();
    private readonly LocalSilo? _localSilo = services.GetService<LocalSilo>();
    private (long Version, SiloAddress[] Silos) _active = (long.MinValue, []);

    /// <summary>Calls <paramref name="callback"/> whenever ownership may have moved (the active silos changed).</summary>
    public void OnChanged(Action callback)
    {
        if (_membership is not null)
        {
            _membership.Changed += (_, _) => callback();
        }
    }

    public bool Owns(GrainId grainId) =>
        TryGetShare(out var shareIndex, out var shareCount) && grainId.GetUniformHashCode() % (uint)shareCount == (uint)shareIndex;

    /// <summary>
    /// The share of the grains this silo owns now (see <see cref="IReminderTable.ReadShareAsync"/>), or false when it
    /// owns none (not active).
    /// </summary>
    public bool TryGetShare(out int shareIndex, out int shareCount)
    {
        shareIndex = 0;
        shareCount = 1;
        if (_membership is null || _localSilo is null)
        {
            return true;
        }

        var active = ActiveSilos();
        shareIndex = _localSilo.IsBound ? Array.IndexOf(active, _localSilo.Address) : -1;
        shareCount = Math.Max(1, active.Length);
        return shareIndex >= 0;
    }

    private SiloAddress[] ActiveSilos()
    {
        var view = _membership!.View;
        var active = _active;
        if (active.Version != view.Version)
        {
            active = (view.Version, [.. view.ActiveSilos.OrderBy(static s => s.ToString(), StringComparer.Ordinal)]);
            _active = active;
        }

        return active.Silos;
    }
}
