using GameCluster.Invocation;
using GameCluster.Serialization;

namespace GameCluster.Timers;

/// <summary>A timer tick queued to its activation; it never leaves the silo.</summary>
internal sealed class TimerTickRequest(IGrainTimerInternal timer) : Request<VoidResult>
{
    private static readonly RequestMetadata TickMetadata =
        new(typeof(IGrainTimer), nameof(IGrainTimer), "timer", "timer", RequestFlags.None);

    private static readonly RequestMetadata InterleavingTickMetadata =
        new(typeof(IGrainTimer), nameof(IGrainTimer), "timer", "timer", RequestFlags.AlwaysInterleave);

    public override RequestMetadata Metadata => timer.Interleave ? InterleavingTickMetadata : TickMetadata;

    public override int ArgumentCount => 0;

    public override bool ArgumentsRequireCopy => false;

    internal override bool IsSystemWork => true;

    internal override bool KeepsAlive => timer.KeepAlive;

    public override object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public override void SetArgument(int index, object? value) => throw new ArgumentOutOfRangeException(nameof(index));

    public override void CopyArguments()
    {
    }

    public override void WriteArguments(ref Writer writer, SerializerSession session) =>
        throw new NotSupportedException("Timer ticks stay on their silo.");

    public override void ReadArguments(ref Reader reader, SerializerSession session) =>
        throw new NotSupportedException("Timer ticks stay on their silo.");

    public override VoidResult CopyResult(VoidResult value) => value;

    public override void WriteResult(ref Writer writer, VoidResult value, SerializerSession session) =>
        throw new NotSupportedException("Timer ticks stay on their silo.");

    public override VoidResult ReadResult(ref Reader reader, SerializerSession session) =>
        throw new NotSupportedException("Timer ticks stay on their silo.");

    protected override ValueTask<VoidResult> InvokeMethodAsync(object grain) => VoidResult.FromTask(timer.RunTickAsync());
}
