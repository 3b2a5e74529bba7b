namespace GameCluster.Tests.TestGrains;

public interface IGameObserver : IGrainObserver
{
    Task OnNotifyAsync(string message);
}

public interface INotifierGrain : IGrainWithStringKey
{
    Task SubscribeAsync(IGameObserver observer);

    Task<int> NotifyAsync(string message);
}

public sealed class NotifierGrain : Grain, INotifierGrain
{
    private readonly List<IGameObserver> _observers = [];

    public Task SubscribeAsync(IGameObserver observer)
    {
        _observers.Add(observer);
        return Task.CompletedTask;
    }

    public async Task<int> NotifyAsync(string message)
    {
        await Task.WhenAll(_observers.Select(o => o.OnNotifyAsync(message)));
        return _observers.Count;
    }
}
