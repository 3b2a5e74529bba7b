using System.Collections.Immutable;
using GameCluster.GrainDirectory;
using GameCluster.Membership;
using GameCluster.Runtime;

namespace GameCluster.Tests.Cluster;

/// <summary>
/// The route a grain reference remembers to another silo: current while its locator entry stays cached and membership
/// publishes no new view; stale as soon as the entry is replaced, invalidated, found stale or its silo is dead.
/// </summary>
public sealed class CachedRouteTests
{
    private static readonly SiloAddress SiloA = new("127.0.0.1", 11111, 638_000_000_001L);
    private static readonly SiloAddress SiloB = new("127.0.0.1", 11112, 638_000_000_002L);
    private static readonly GrainId Grain = new("counter", "7");

    private readonly MembershipService _membership = new();
    private readonly GrainLocator _locator;

    public CachedRouteTests()
    {
        _membership.Publish(View(1, MembershipStatus.Active, MembershipStatus.Active));
        _locator = new GrainLocator(new InMemoryGrainDirectory(), _membership);
    }

    [Fact]
    public void CachedEntry_GivesARouteToItsSilo_ThatStaysCurrentWhileNothingChanges()
    {
        _locator.Cache(new GrainAddress(Grain, SiloA, "a1"));

        var route = CachedRouteTo(Grain);

        Assert.Equal(SiloA, route.Entry!.Address.Silo);
        Assert.True(_locator.IsCurrent(route));
        Assert.True(_locator.IsCurrent(route));
    }

    [Fact]
    public void Route_IsStale_OnceItsEntryIsReplacedOrInvalidated()
    {
        _locator.Cache(new GrainAddress(Grain, SiloA, "a1"));
        var first = CachedRouteTo(Grain);

        _locator.Cache(new GrainAddress(Grain, SiloB, "b1"));
        Assert.False(_locator.IsCurrent(first));
        var second = CachedRouteTo(Grain);
        Assert.Equal(SiloB, second.Entry!.Address.Silo);

        _locator.Invalidate(Grain);
        Assert.False(_locator.IsCurrent(second));
        Assert.False(_locator.TryGetCached(Grain, out _, out _));
    }

    [Fact]
    public async Task Route_IsStale_OnceItsEntryIsRemovedAsStale_ButNotWhenAnotherAddressIsRemoved()
    {
        var address = new GrainAddress(Grain, SiloA, "a1");
        _locator.Cache(address);
        var route = CachedRouteTo(Grain);

        await _locator.RemoveStaleAsync(new GrainAddress(Grain, SiloB, "b1"), TestContext.Current.CancellationToken);
        Assert.True(_locator.IsCurrent(route));

        await _locator.RemoveStaleAsync(address, TestContext.Current.CancellationToken);
        Assert.False(_locator.IsCurrent(route));
    }

    [Fact]
    public void Route_IsStale_AfterANewMembershipView_AndItsSiloIsDroppedWhenDeclaredDead()
    {
        _locator.Cache(new GrainAddress(Grain, SiloA, "a1"));
        var route = CachedRouteTo(Grain);

        _membership.Publish(View(1, MembershipStatus.Active, MembershipStatus.Active));
        Assert.False(_locator.IsCurrent(route)); // checked again on the full route, which finds the silo still usable
        route = CachedRouteTo(Grain);

        _membership.Publish(View(2, MembershipStatus.Dead, MembershipStatus.Active));
        Assert.False(_locator.IsCurrent(route));
        Assert.False(_locator.TryGetCached(Grain, out _, out _));
    }

    private CachedRoute CachedRouteTo(GrainId grainId)
    {
        Assert.True(_locator.TryGetCached(grainId, out var entry, out var view));
        return CachedRoute.ToSilo(entry, view);
    }

    private static ClusterMembershipView View(long version, MembershipStatus a, MembershipStatus b) =>
        new(version, ImmutableDictionary<SiloAddress, MembershipStatus>.Empty.Add(SiloA, a).Add(SiloB, b));
}
