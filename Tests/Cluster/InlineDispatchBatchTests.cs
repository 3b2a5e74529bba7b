using GameCluster.Runtime;

namespace GameCluster.Tests.Cluster;

/// <summary>
/// The batch a connection's read loop opens: what is scheduled while it is open runs on the reading thread when the
/// batch runs, within its budget; the rest, and everything scheduled without an open batch, runs on the thread pool.
/// </summary>
public sealed class InlineDispatchBatchTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void WorkScheduledWhileOpen_RunsWhenTheBatchRuns_OnItsThread_InOrder_WithTheWorkItSchedules()
    {
        var batch = new InlineDispatchBatch(TimeSpan.FromSeconds(10));
        var thread = Environment.CurrentManagedThreadId;
        List<(string Name, int Thread)> ran = [];

        batch.Open();
        InlineDispatchBatch.Schedule(new Work(() =>
        {
            ran.Add(("a", Environment.CurrentManagedThreadId));
            InlineDispatchBatch.Schedule(new Work(() => ran.Add(("c", Environment.CurrentManagedThreadId))), preferLocal: true);
        }), preferLocal: true);
        InlineDispatchBatch.Schedule(new Work(() => ran.Add(("b", Environment.CurrentManagedThreadId))), preferLocal: true);
        Assert.Empty(ran);
        batch.Run();

        Assert.Equal(["a", "b", "c"], ran.Select(r => r.Name));
        Assert.All(ran, r => Assert.Equal(thread, r.Thread));
    }

    [Fact]
    public async Task OnceTheBudgetIsSpent_TheRestRunsOnTheThreadPool_AfterRunReturns()
    {
        var batch = new InlineDispatchBatch(TimeSpan.FromMilliseconds(1));
        using var released = new ManualResetEventSlim();
        var slow = 0;
        var rest = Enumerable.Range(0, 4).Select(_ => new GatedWork(released)).ToList();

        batch.Open();
        for (var i = 0; i < 4; i++)
        {
            InlineDispatchBatch.Schedule(new Work(() =>
            {
                Thread.Sleep(2);
                slow++;
            }), preferLocal: true);
        }

        rest.ForEach(work => InlineDispatchBatch.Schedule(work, preferLocal: true));
        var inline = batch.Run();
        released.Set();

        Assert.Equal(4, slow);
        Assert.True(inline >= TimeSpan.FromMilliseconds(8), $"ran inline for {inline}");
        var afterRelease = await Task.WhenAll(rest.Select(work => work.WaitedForRelease)).WaitAsync(Wait, TestContext.Current.CancellationToken);
        Assert.All(afterRelease, Assert.True);
    }

    [Fact]
    public async Task ZeroBudget_RunsNothingInline()
    {
        var batch = new InlineDispatchBatch(TimeSpan.Zero);
        using var released = new ManualResetEventSlim();
        var work = new GatedWork(released);

        batch.Open();
        InlineDispatchBatch.Schedule(work, preferLocal: true);
        Assert.Equal(TimeSpan.Zero, batch.Run());
        released.Set();

        Assert.True(await work.WaitedForRelease.WaitAsync(Wait, TestContext.Current.CancellationToken), "ran on the thread pool, after Run returned");
    }

    [Fact]
    public async Task WhileSuspended_NothingRunsInline_AndAfterwardsItDoesAgain()
    {
        var batch = new InlineDispatchBatch(TimeSpan.FromSeconds(10));
        using var released = new ManualResetEventSlim();
        var work = new GatedWork(released);
        var ranOn = 0;

        batch.Suspend(TimeSpan.FromSeconds(1));
        batch.Open();
        InlineDispatchBatch.Schedule(work, preferLocal: true);
        Assert.Equal(TimeSpan.Zero, batch.Run());
        released.Set();
        Assert.True(await work.WaitedForRelease.WaitAsync(Wait, TestContext.Current.CancellationToken), "ran on the thread pool, after Run returned");

        await Task.Delay(1100, TestContext.Current.CancellationToken);
        var runThread = Environment.CurrentManagedThreadId;
        batch.Open();
        InlineDispatchBatch.Schedule(new Work(() => ranOn = Environment.CurrentManagedThreadId), preferLocal: true);
        batch.Run();
        Assert.Equal(runThread, ranOn);
    }

    [Fact]
    public void TimeSpentCollecting_DoesNotCountAsTheWorksOwn()
    {
        var batch = new InlineDispatchBatch(TimeSpan.FromSeconds(10));
        var wall = System.Diagnostics.Stopwatch.StartNew();

        batch.Open();
        InlineDispatchBatch.Schedule(new Work(() =>
        {
            while (wall.Elapsed < TimeSpan.FromMilliseconds(300))
            {
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            }
        }), preferLocal: true);
        var inline = batch.Run();

        Assert.True(wall.Elapsed >= TimeSpan.FromMilliseconds(300));
        Assert.True(inline < TimeSpan.FromMilliseconds(150), $"counted {inline} of {wall.Elapsed} spent collecting");
    }

    [Fact]
    public async Task WithoutAnOpenBatch_WorkGoesToTheThreadPool()
    {
        using var released = new ManualResetEventSlim();
        var work = new GatedWork(released);

        InlineDispatchBatch.Schedule(work, preferLocal: false);
        released.Set();

        Assert.True(await work.WaitedForRelease.WaitAsync(Wait, TestContext.Current.CancellationToken), "ran on the thread pool, after Run returned");
    }

    [Fact]
    public void ABatchOpenedInsideAnother_HandsTheThreadBackToTheOuterOne()
    {
        var outer = new InlineDispatchBatch(TimeSpan.FromSeconds(10));
        var inner = new InlineDispatchBatch(TimeSpan.FromSeconds(10));
        List<string> ran = [];

        outer.Open();
        inner.Open();
        InlineDispatchBatch.Schedule(new Work(() => ran.Add("inner")), preferLocal: true);
        inner.Run();
        InlineDispatchBatch.Schedule(new Work(() => ran.Add("outer")), preferLocal: true);
        Assert.Equal(["inner"], ran);
        outer.Run();

        Assert.Equal(["inner", "outer"], ran);
    }

    private sealed class Work(Action action) : IThreadPoolWorkItem
    {
        public void Execute() => action();
    }

    /// <summary>Waits (up to 5 s) for a release that the test gives only after the batch ran: true when it came.</summary>
    private sealed class GatedWork(ManualResetEventSlim released) : IThreadPoolWorkItem
    {
        private readonly TaskCompletionSource<bool> _waited = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<bool> WaitedForRelease => _waited.Task;

        public void Execute() => _waited.SetResult(released.Wait(TimeSpan.FromSeconds(5)));
    }
}
