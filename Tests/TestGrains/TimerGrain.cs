namespace GameCluster.Tests.TestGrains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(int periodMs, bool interleave);

    Task StopAsync();

    [AlwaysInterleave]
    Task<TimerReport> GetReportAsync();

    Task BusyAsync(int delayMs);
}

[GenerateSerializer]
public sealed record TimerReport([property: Id(0)] int Ticks, [property: Id(1)] int TicksDuringBusy);

public sealed class TimerGrain : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private int _ticksDuringBusy;
    private bool _busy;

    public Task StartAsync(int periodMs, bool interleave)
    {
        _timer?.Dispose();
        _timer = RegisterGrainTimer(
            _ =>
            {
                _ticks++;
                if (_busy)
                {
                    _ticksDuringBusy++;
                }

                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs)) { Interleave = interleave });
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _timer?.Dispose();
        _timer = null;
        return Task.CompletedTask;
    }

    public Task<TimerReport> GetReportAsync() => Task.FromResult(new TimerReport(_ticks, _ticksDuringBusy));

    public async Task BusyAsync(int delayMs)
    {
        _busy = true;
        await Task.Delay(delayMs);
        _busy = false;
    }
}
