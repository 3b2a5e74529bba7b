namespace GameCluster.Tests.TestGrains;

public interface IWorkerGrain : IGrainWithStringKey
{
    Task<string> WorkAsync(int delayMs);
}

[StatelessWorker(4)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private readonly string _instance = Guid.NewGuid().ToString("N");

    public async Task<string> WorkAsync(int delayMs)
    {
        await Task.Delay(delayMs);
        return _instance;
    }
}
