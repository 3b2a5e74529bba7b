using GameCluster.Membership;

namespace GameCluster.Tests.TestGrains;

public interface IPlacedGrain : IGrain
{
    Task<string> GetSiloAsync();
}

public interface IPreferLocalGrain : IPlacedGrain, IGrainWithStringKey;

public interface IHashPlacedGrain : IPlacedGrain, IGrainWithStringKey;

public interface ILeastLoadedGrain : IPlacedGrain, IGrainWithStringKey;

public abstract class PlacedGrain(LocalSilo localSilo) : Grain, IPlacedGrain
{
    public Task<string> GetSiloAsync() => Task.FromResult(localSilo.Address.ToString());
}

[PreferLocalPlacement]
public sealed class PreferLocalGrain(LocalSilo localSilo) : PlacedGrain(localSilo), IPreferLocalGrain;

[HashBasedPlacement]
public sealed class HashPlacedGrain(LocalSilo localSilo) : PlacedGrain(localSilo), IHashPlacedGrain;

[ActivationCountBasedPlacement]
public sealed class LeastLoadedGrain(LocalSilo localSilo) : PlacedGrain(localSilo), ILeastLoadedGrain;
