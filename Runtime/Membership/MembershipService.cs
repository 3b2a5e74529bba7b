namespace GameCluster.Membership;

/// <summary>Publishes this silo's view of the cluster.</summary>
public sealed class MembershipService
{
    private ClusterMembershipView _view = ClusterMembershipView.Empty;

    /// <summary>The latest view.</summary>
    public ClusterMembershipView View => Volatile.Read(ref _view);

    /// <summary>Raised after the view changed, with the previous and the new view.</summary>
    public event Action<ClusterMembershipView, ClusterMembershipView>? Changed;

    /// <summary>
    /// Raised after this silo wrote its row again because the membership table had lost it (Redis restarted without
    /// its data): what the cluster kept in the same store, the grain directory's entries, is gone too.
    /// </summary>
    internal event Action? OwnRowRestored;

    internal void RaiseOwnRowRestored() => OwnRowRestored?.Invoke();

    internal void Publish(ClusterMembershipView view)
    {
        var previous = Interlocked.Exchange(ref _view, view);
        if (previous.Version != view.Version || !previous.Members.SequenceEqual(view.Members))
        {
            Changed?.Invoke(previous, view);
        }
    }
}
