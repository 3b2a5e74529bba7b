namespace GameCluster.Tests.TestGrains;

public interface INotRemindableGrain : IGrainWithStringKey
{
    Task RegisterAsync(string name);
}

/// <summary>Tries to register a reminder without implementing <see cref="IRemindable"/>.</summary>
public sealed class NotRemindableGrain : Grain, INotRemindableGrain
{
    public Task RegisterAsync(string name) => RegisterOrUpdateReminder(name, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
}
