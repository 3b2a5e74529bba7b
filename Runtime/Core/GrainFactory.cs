using GameCluster.Invocation;
using GameCluster.Metadata;

namespace GameCluster.Runtime;

/// <summary>Creates grain references from the manifest; no I/O.</summary>
internal sealed class GrainFactory(GrainManifest manifest, IGrainCallInvoker invoker) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        return Create<TGrainInterface>(primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(GrainKey.FromGuid(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(GrainKey.FromInt64(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension) where TGrainInterface : IGrainWithGuidCompoundKey
    {
        ArgumentNullException.ThrowIfNull(keyExtension);
        return Create<TGrainInterface>(GrainKey.FromGuid(primaryKey, keyExtension));
    }

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension) where TGrainInterface : IGrainWithIntegerCompoundKey
    {
        ArgumentNullException.ThrowIfNull(keyExtension);
        return Create<TGrainInterface>(GrainKey.FromInt64(primaryKey, keyExtension));
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable
    {
        if (grainId.IsDefault)
        {
            throw new ArgumentException("The grain id is empty.", nameof(grainId));
        }

        return (TGrainInterface)(object)manifest.GetInterface(typeof(TGrainInterface)).CreateProxy(invoker, grainId);
    }

    private TGrainInterface Create<TGrainInterface>(string key) where TGrainInterface : IAddressable =>
        GetGrain<TGrainInterface>(new GrainId(manifest.GetGrainType(typeof(TGrainInterface)), key));
}
