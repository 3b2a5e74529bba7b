namespace GameCluster.Tests.TestGrains;

public interface IGuidKeyGrain : IGrainWithGuidKey
{
    Task<Guid> GetKeyAsync();
}

public interface IIntegerKeyGrain : IGrainWithIntegerKey
{
    Task<long> GetKeyAsync();
}

public interface IGuidCompoundKeyGrain : IGrainWithGuidCompoundKey
{
    Task<string> GetKeyAsync();
}

public interface IIntegerCompoundKeyGrain : IGrainWithIntegerCompoundKey
{
    Task<string> GetKeyAsync();
}

public sealed class GuidKeyGrain : Grain, IGuidKeyGrain
{
    public Task<Guid> GetKeyAsync() => Task.FromResult(this.GetPrimaryKey());
}

public sealed class IntegerKeyGrain : Grain, IIntegerKeyGrain
{
    public Task<long> GetKeyAsync() => Task.FromResult(this.GetPrimaryKeyLong());
}

public sealed class GuidCompoundKeyGrain : Grain, IGuidCompoundKeyGrain
{
    public Task<string> GetKeyAsync()
    {
        var key = this.GetPrimaryKey(out var extension);
        return Task.FromResult($"{key}|{extension}");
    }
}

public sealed class IntegerCompoundKeyGrain : Grain, IIntegerCompoundKeyGrain
{
    public Task<string> GetKeyAsync()
    {
        var key = this.GetPrimaryKeyLong(out var extension);
        return Task.FromResult($"{key}|{extension}");
    }
}
