namespace GameCluster.Tests.TestGrains;

public interface IRegistryGrain : IGrainWithStringKey
{
    Task RegisterAsync(ILifecycleGrain grain);

    Task<ILifecycleGrain?> GetRegisteredAsync();

    Task<string> CallRegisteredAsync();

    Task<int> AddToCopyAsync(List<int> values);

    Task<Inventory> AddItemAsync(Inventory inventory, string item);
}

public sealed class RegistryGrain : Grain, IRegistryGrain
{
    private ILifecycleGrain? _registered;

    public Task RegisterAsync(ILifecycleGrain grain)
    {
        _registered = grain;
        return Task.CompletedTask;
    }

    public Task<ILifecycleGrain?> GetRegisteredAsync() => Task.FromResult(_registered);

    public Task<string> CallRegisteredAsync() =>
        _registered?.GetKeyAsync() ?? throw new InvalidOperationException("Nothing registered.");

    public Task<int> AddToCopyAsync(List<int> values)
    {
        values.Add(42);
        return Task.FromResult(values.Count);
    }

    public Task<Inventory> AddItemAsync(Inventory inventory, string item)
    {
        inventory.Items.Add(item);
        return Task.FromResult(inventory);
    }
}
