namespace GameCluster;

/// <summary>Creates grain references. No call performs I/O: the grain is activated by the first call on the reference.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain with the given string key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;

    /// <summary>A reference to the grain with the given Guid key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey;

    /// <summary>A reference to the grain with the given integer key.</summary>
    TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>A reference to the grain with the given Guid key and key extension.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension) where TGrainInterface : IGrainWithGuidCompoundKey;

    /// <summary>A reference to the grain with the given integer key and key extension.</summary>
    TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension) where TGrainInterface : IGrainWithIntegerCompoundKey;

    /// <summary>A reference, typed as <typeparamref name="TGrainInterface"/>, to the grain with the given id.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable;
}
